package oruk

import "encoding/json"

// The ORUK v3 service as feedgauge writes it (UK profile, schema/service.json).
// Optional fields without a value are omitted, as ORUK asks; required ones
// are always written.

// V3Service is one ORUK v3 service, fully nested.
type V3Service struct {
	ID                 string              `json:"id"`
	OrganizationID     string              `json:"organization_id,omitempty"`
	Name               string              `json:"name"`
	Description        string              `json:"description,omitempty"`
	URL                string              `json:"url,omitempty"`
	Email              string              `json:"email,omitempty"`
	Status             string              `json:"status"`
	Fees               string              `json:"fees,omitempty"`
	MinimumAge         json.Number         `json:"minimum_age,omitempty"`
	MaximumAge         json.Number         `json:"maximum_age,omitempty"`
	LastModified       string              `json:"last_modified,omitempty"`
	Schedules          []V3Schedule        `json:"schedules,omitempty"`
	ServiceAtLocations []V3ServiceLocation `json:"service_at_locations,omitempty"`
	Organization       *V3Organization     `json:"organization,omitempty"`
	CostOptions        []V3CostOption      `json:"cost_options,omitempty"`
	Contacts           []V3Contact         `json:"contacts,omitempty"`
	Attributes         []V3Attribute       `json:"attributes,omitempty"`
}

// V3Schedule is when a service runs.
type V3Schedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id,omitempty"`
	ValidFrom   string `json:"valid_from,omitempty"`
	ValidTo     string `json:"valid_to,omitempty"`
	DTStart     string `json:"dtstart,omitempty"`
	Freq        string `json:"freq,omitempty"`
	Interval    int    `json:"interval,omitempty"`
	ByDay       string `json:"byday,omitempty"`
	ByMonthDay  string `json:"bymonthday,omitempty"`
	Description string `json:"description,omitempty"`
	OpensAt     string `json:"opens_at,omitempty"`
	ClosesAt    string `json:"closes_at,omitempty"`
}

// V3ServiceLocation links a service to a location.
type V3ServiceLocation struct {
	ID         string      `json:"id"`
	ServiceID  string      `json:"service_id,omitempty"`
	LocationID string      `json:"location_id,omitempty"`
	Location   *V3Location `json:"location,omitempty"`
}

// V3Location is a place a service is offered (or "virtual" for online).
type V3Location struct {
	ID            string            `json:"id"`
	LocationType  string            `json:"location_type"`
	Name          string            `json:"name,omitempty"`
	Description   string            `json:"description,omitempty"`
	Latitude      json.Number       `json:"latitude,omitempty"`
	Longitude     json.Number       `json:"longitude,omitempty"`
	Addresses     []V3Address       `json:"addresses,omitempty"`
	Accessibility []V3Accessibility `json:"accessibility,omitempty"`
}

// V3Address is a postal address; every field but region is required.
type V3Address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id,omitempty"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	Region        string `json:"region,omitempty"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// V3Accessibility is accessibility information of a location.
type V3Accessibility struct {
	ID          string `json:"id"`
	LocationID  string `json:"location_id,omitempty"`
	Description string `json:"description,omitempty"`
}

// V3Organization runs the service.
type V3Organization struct {
	ID                      string         `json:"id"`
	Name                    string         `json:"name"`
	Description             string         `json:"description"`
	Email                   string         `json:"email,omitempty"`
	Website                 string         `json:"website,omitempty"`
	URI                     string         `json:"uri,omitempty"`
	OrganizationIdentifiers []V3Identifier `json:"organization_identifiers,omitempty"`
}

// V3Identifier is an organisation identifier (a charity or company number).
type V3Identifier struct {
	ID               string `json:"id"`
	IdentifierScheme string `json:"identifier_scheme,omitempty"`
	IdentifierType   string `json:"identifier_type"`
	Identifier       string `json:"identifier"`
}

// V3CostOption is a price of the service.
type V3CostOption struct {
	ID                string      `json:"id"`
	ServiceID         string      `json:"service_id,omitempty"`
	ValidFrom         string      `json:"valid_from,omitempty"`
	ValidTo           string      `json:"valid_to,omitempty"`
	Option            string      `json:"option,omitempty"`
	Amount            json.Number `json:"amount,omitempty"`
	AmountDescription string      `json:"amount_description,omitempty"`
}

// V3Contact is a contact of the service. Phones are written in the HSDS 3.0
// shape (contact.phones[]); the UK profile's schema allows the extra field.
type V3Contact struct {
	ID        string    `json:"id"`
	ServiceID string    `json:"service_id,omitempty"`
	Name      string    `json:"name,omitempty"`
	Email     string    `json:"email,omitempty"`
	Phones    []V3Phone `json:"phones,omitempty"`
}

// V3Phone is a phone number.
type V3Phone struct {
	ID     string `json:"id"`
	Number string `json:"number"`
}

// V3Attribute links the service to a taxonomy term.
type V3Attribute struct {
	ID             string          `json:"id"`
	LinkID         string          `json:"link_id,omitempty"`
	LinkType       string          `json:"link_type,omitempty"`
	TaxonomyTermID string          `json:"taxonomy_term_id,omitempty"`
	TaxonomyTerm   *V3TaxonomyTerm `json:"taxonomy_term,omitempty"`
}

// V3TaxonomyTerm is a term of a taxonomy (here OpenActive's vocabularies).
type V3TaxonomyTerm struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Taxonomy    string `json:"taxonomy,omitempty"`
	TermURI     string `json:"term_uri,omitempty"`
}

// V3Page is a v3 /services list page holding converted services.
type V3Page struct {
	TotalItems int         `json:"total_items"`
	TotalPages int         `json:"total_pages"`
	PageNumber int         `json:"page_number"`
	Size       int         `json:"size"`
	FirstPage  bool        `json:"first_page"`
	LastPage   bool        `json:"last_page"`
	Empty      bool        `json:"empty"`
	Contents   []V3Service `json:"contents"`
}
