package simulator

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// InputEvent is an RTIO input event that a simulation feeds to the kernel:
// an edge on a TTL input (Data 1 rising, 0 falling) or a word of another
// input channel. The runtime registers a TTL edge only when the channel's
// gate (its input sensitivity, written at address 2) lets it through
// (runtime/inputs.c), and the kernel reads the registered events in time
// order (rtio_input_timestamp, rtio_input_data).
type InputEvent struct {
	Time    int64
	Channel uint32
	Data    int32
}

// ReadInputs reads input events from CSV: a header `time_mu,channel,data`,
// then one event per line (blank lines and lines starting with # are
// skipped). Events may come in any order; the run sees them by time.
func ReadInputs(r io.Reader) ([]InputEvent, error) {
	sc := bufio.NewScanner(r)
	var out []InputEvent
	header := false
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			if strings.ReplaceAll(line, " ", "") != "time_mu,channel,data" {
				return nil, fmt.Errorf("line %d: want the header time_mu,channel,data, got %q", n, line)
			}
			header = true
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want time_mu,channel,data, got %q", n, line)
		}
		t, err1 := strconv.ParseInt(strings.TrimSpace(f[0]), 10, 64)
		ch, err2 := strconv.ParseUint(strings.TrimSpace(f[1]), 10, 24)
		d, err3 := strconv.ParseInt(strings.TrimSpace(f[2]), 0, 32)
		if err1 != nil || err2 != nil || err3 != nil || t < 0 {
			return nil, fmt.Errorf("line %d: bad event %q (time_mu >= 0, a channel number, a 32-bit data word)", n, line)
		}
		out = append(out, InputEvent{Time: t, Channel: uint32(ch), Data: int32(d)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !header {
		return nil, fmt.Errorf("no header time_mu,channel,data")
	}
	return out, nil
}

// ReadInputsFile reads the input events of a CSV file (ReadInputs).
func ReadInputsFile(path string) ([]InputEvent, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	events, err := ReadInputs(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return events, nil
}

// encodeInputs is the runtime's fd 7 format: events sorted by time (ties
// in the given order), little-endian {u64 time_mu; u32 channel; i32 data}.
func encodeInputs(events []InputEvent) []byte {
	sorted := append([]InputEvent(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time < sorted[j].Time })
	buf := make([]byte, 0, 16*len(sorted))
	for _, e := range sorted {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(e.Time))
		buf = binary.LittleEndian.AppendUint32(buf, e.Channel)
		buf = binary.LittleEndian.AppendUint32(buf, uint32(e.Data))
	}
	return buf
}
