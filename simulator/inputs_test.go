package simulator

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

func TestReadInputs(t *testing.T) {
	events, err := ReadInputs(strings.NewReader("time_mu, channel, data\n# photons\n\n300,4,1\n100,4,0\n200,9,0x10\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []InputEvent{{300, 4, 1}, {100, 4, 0}, {200, 9, 16}}
	if len(events) != len(want) {
		t.Fatalf("got %v", events)
	}
	for i := range want {
		if events[i] != want[i] {
			t.Errorf("event %d: got %v, want %v", i, events[i], want[i])
		}
	}
	// The runtime's records come sorted by time.
	data := encodeInputs(events)
	var times []uint64
	for r := bytes.NewReader(data); r.Len() > 0; {
		var rec struct {
			T    uint64
			Ch   uint32
			Data int32
		}
		if err := binary.Read(r, binary.LittleEndian, &rec); err != nil {
			t.Fatal(err)
		}
		times = append(times, rec.T)
	}
	if len(times) != 3 || times[0] != 100 || times[1] != 200 || times[2] != 300 {
		t.Errorf("records not sorted by time: %v", times)
	}
	for _, bad := range []string{
		"",
		"time_mu,channel,address,data\n1,2,3,4\n",
		"time_mu,channel,data\n1,2\n",
		"time_mu,channel,data\n-1,2,3\n",
		"time_mu,channel,data\nx,2,3\n",
	} {
		if _, err := ReadInputs(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
