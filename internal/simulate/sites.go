package simulate

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const ccBy = "https://creativecommons.org/licenses/by/4.0/"

// moveAt is when datasets with the moved-host fault move.
func (s *Server) moveAt() int64 { return s.w.epoch + 200*day }

// datasetURL is the dataset-site URL the catalogue lists for d.
func (s *Server) datasetURL(r *http.Request, d *dataset) string {
	if _, ok := d.fault("moved-host"); ok && s.clock.Load() >= s.moveAt() {
		return "http://localhost:" + strconv.Itoa(s.port) + d.basePath
	}
	return base(r) + d.basePath
}

func (s *Server) collection(preview bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		j := &jw{}
		j.open()
		j.kv("@context", "https://schema.org/")
		j.kv("@type", "DataCatalog")
		j.kv("@id", base(r)+r.URL.Path)
		if preview {
			j.kv("name", "Simulated OpenActive Preview Data")
		} else {
			j.kv("name", "Simulated OpenActive Data")
		}
		j.karr("hasPart")
		if preview {
			j.str(base(r) + "/catalogues/preview.jsonld")
		} else {
			for c := 0; c <= (s.cfg.Datasets-1)/30; c++ {
				j.str(fmt.Sprintf("%s/catalogues/%d.jsonld", base(r), c))
			}
		}
		j.closeArr()
		j.kv("license", ccBy)
		j.close()
		writeJSON(w, "application/ld+json", j.b)
	}
}

func (s *Server) catalogue(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSuffix(r.PathValue("name"), ".jsonld")
	j := &jw{}
	j.open()
	j.kv("@context", "https://schema.org/")
	j.kv("@type", "DataCatalog")
	j.kv("@id", base(r)+r.URL.Path)
	if name == "preview" {
		j.kv("name", "Simulated preview catalogue")
	}
	j.karr("dataset")
	if name == "preview" {
		for _, d := range s.w.datasets[s.cfg.Datasets:] {
			j.str(base(r) + d.basePath)
		}
	} else {
		c, err := strconv.Atoi(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		for _, d := range s.w.datasets[:s.cfg.Datasets] {
			if d.catalog == c {
				j.str(s.datasetURL(r, d))
			}
		}
	}
	j.closeArr()
	j.kv("license", ccBy)
	j.close()
	writeJSON(w, "application/ld+json", j.b)
}

// site serves a dataset site: HTML with the Dataset in JSON-LD, or the
// faulty variants (no JSON-LD, JSON-LD that is not a Dataset).
func (s *Server) site(w http.ResponseWriter, r *http.Request) {
	d, _, ok := s.lookup(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	name := d.pubName + " Sessions and Facilities"
	if _, ok := d.fault("generic-name"); ok {
		name = " Sessions and Facilities"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", html.EscapeString(name))
	if _, bad := d.fault("no-jsonld"); !bad {
		b.WriteString("<script type=\"application/ld+json\">\n")
		b.Write(bytes.ReplaceAll(s.datasetJSON(r, d, name), []byte("<"), []byte(`\u003c`)))
		b.WriteString("\n</script>\n")
	}
	b.WriteString("<script>document.documentElement.className = 'js';</script>\n</head>\n<body>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p>Open data feeds published with OpenActive.</p>\n<ul>\n", html.EscapeString(name))
	for _, f := range d.feeds {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", html.EscapeString(base(r)+f.path()), html.EscapeString(f.spec.name))
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

func (s *Server) datasetJSON(r *http.Request, d *dataset, name string) []byte {
	j := &jw{}
	j.open()
	j.key("@context")
	j.raw(`["https://schema.org/","https://openactive.io/"]`)
	if _, bad := d.fault("not-dataset"); bad {
		j.kv("@type", "Organization")
		j.kv("name", d.pubName)
		j.kv("url", "https://www."+d.slug+".example.org/")
		j.close()
		return j.b
	}
	j.kv("@type", "Dataset")
	j.kv("@id", base(r)+d.basePath)
	j.kv("url", base(r)+d.basePath)
	j.kv("name", name)
	j.kv("description", "Near real-time availability and rich descriptions relating to the sessions and facilities available from "+d.pubName+".")
	j.key("keywords")
	j.raw(`["Sessions","Facilities","Activities","Sports","Physical Activity","OpenActive"]`)
	j.kv("license", ccBy)
	j.karr("distribution")
	for k, f := range d.feeds {
		j.open()
		j.kv("@type", "DataDownload")
		j.kv("name", f.spec.name)
		j.kv("additionalType", f.spec.additionalType)
		j.kv("encodingFormat", "application/vnd.openactive.rpde+json; version=1")
		j.kv("contentUrl", base(r)+f.path())
		if (d.idx+k)%3 != 0 {
			j.kv("identifier", f.spec.ident)
		}
		j.close()
	}
	j.closeArr()
	j.kv("discussionUrl", "https://github.com/"+d.slug+"/opendata/issues")
	j.kv("documentation", "https://permalink.openactive.io/dataset-site/open-data-documentation")
	j.kv("inLanguage", "en-GB")
	s.publisher(j, d)
	j.kv("datePublished", s.cfg.Epoch.Format(time.RFC3339))
	j.kv("dateModified", s.Clock().Format(time.RFC3339))
	j.kv("schemaVersion", "https://openactive.io/modelling-opportunity-data/2.0/")
	j.close()
	return j.b
}

func (s *Server) publisher(j *jw, d *dataset) {
	j.kobj("publisher")
	j.kv("@type", "Organization")
	j.kv("name", d.pubName)
	j.kv("legalName", d.pubName+" Ltd")
	j.kv("url", "https://www."+d.slug+".example.org/")
	j.kv("email", "opendata@"+d.slug+".example.org")
	if d.orgID != "" {
		j.kv("identifier", d.orgID)
	}
	j.kobj("logo")
	j.kv("@type", "ImageObject")
	j.kv("url", "https://images.example.org/logos/"+d.slug+".png")
	j.close()
	j.close()
}

func writeJSON(w http.ResponseWriter, ctype string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}
