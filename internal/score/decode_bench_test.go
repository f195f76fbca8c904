package score

import "testing"

// BenchmarkDecode is decoding alone: every item of BenchmarkScoreDataset's
// (Dataset) and BenchmarkScoreDatasetMix's (Mix) worlds, as Prepare
// decodes them, without linking or scoring.
func BenchmarkDecode(b *testing.B) {
	for _, c := range []struct {
		name string
		in   DatasetInput
	}{{"Dataset", benchDataset(10000, 8, benchT)}, {"Mix", benchMix(10000, benchT)}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				dc := decoder{batch: true}
				for i := range c.in.Items {
					dc.decode(&c.in.Items[i])
				}
			}
			b.ReportMetric(float64(len(c.in.Items)*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}
