package simulator

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// Event is one rtio_output call: the value of `now` at the call, the
// target (channel << 8 | address) and the data word.
type Event struct {
	Time   int64
	Target uint32
	Data   int32
}

// Channel is the RTIO channel of the event's target.
func (e Event) Channel() uint32 { return e.Target >> 8 }

// Address is the register address within the channel.
func (e Event) Address() uint32 { return e.Target & 0xff }

const recordSize = 16

// ReadTimeline decodes the runtime's binary timeline (fd 3): little-endian
// {u64 time_mu; u32 target; u32 data} records.
func ReadTimeline(r io.Reader) ([]Event, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data)%recordSize != 0 {
		return nil, fmt.Errorf("simulator: timeline has a partial record (%d bytes)", len(data))
	}
	events := make([]Event, 0, len(data)/recordSize)
	for p := data; len(p) > 0; p = p[recordSize:] {
		events = append(events, Event{
			Time:   int64(binary.LittleEndian.Uint64(p)),
			Target: binary.LittleEndian.Uint32(p[8:]),
			Data:   int32(binary.LittleEndian.Uint32(p[12:])),
		})
	}
	return events, nil
}

// WriteTimeline writes events as "csv" or "vcd".
func WriteTimeline(w io.Writer, format string, events []Event) error {
	switch format {
	case "csv", "":
		return WriteCSV(w, events)
	case "vcd":
		return WriteVCD(w, events)
	}
	return fmt.Errorf("simulator: unknown timeline format %q (want csv or vcd)", format)
}

// WriteCSV writes the header `time_mu,channel,address,data` and one line
// per event in call order; data is the signed 32-bit value the kernel
// passed.
func WriteCSV(w io.Writer, events []Event) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("time_mu,channel,address,data\n")
	for _, e := range events {
		fmt.Fprintf(bw, "%d,%d,%d,%d\n", e.Time, e.Channel(), e.Address(), e.Data)
	}
	return bw.Flush()
}

// WriteVCD writes events as a value change dump: timescale 1 ns (one
// machine unit), one 32-bit wire per (channel, address) named ch<c>_a<a>
// in a scope "rtio", sorted by channel and address. Changes are sorted by
// time (the call order can go back in time, e.g. in `with parallel`); when
// one signal is written several times at the same time, the last write in
// call order wins. Nothing depends on the date or the host.
func WriteVCD(w io.Writer, events []Event) error {
	targets := map[uint32]string{}
	var order []uint32
	for _, e := range events {
		if e.Time < 0 {
			return fmt.Errorf("simulator: VCD cannot show the event at negative time %d mu", e.Time)
		}
		if _, ok := targets[e.Target]; !ok {
			targets[e.Target] = ""
			order = append(order, e.Target)
		}
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	for i, t := range order {
		targets[t] = vcdID(i)
	}

	bw := bufio.NewWriter(w)
	bw.WriteString("$version rules_artiq simulator $end\n")
	bw.WriteString("$timescale 1ns $end\n")
	bw.WriteString("$scope module rtio $end\n")
	for _, t := range order {
		fmt.Fprintf(bw, "$var wire 32 %s ch%d_a%d $end\n", targets[t], t>>8, t&0xff)
	}
	bw.WriteString("$upscope $end\n")
	bw.WriteString("$enddefinitions $end\n")
	if len(order) > 0 {
		bw.WriteString("#0\n$dumpvars\n")
		for _, t := range order {
			fmt.Fprintf(bw, "bx %s\n", targets[t])
		}
		bw.WriteString("$end\n")
	}

	sorted := append([]Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Time < sorted[j].Time })
	for i := 0; i < len(sorted); {
		j := i
		last := map[uint32]int32{}
		for ; j < len(sorted) && sorted[j].Time == sorted[i].Time; j++ {
			last[sorted[j].Target] = sorted[j].Data
		}
		changed := make([]uint32, 0, len(last))
		for t := range last {
			changed = append(changed, t)
		}
		sort.Slice(changed, func(a, b int) bool { return changed[a] < changed[b] })
		fmt.Fprintf(bw, "#%d\n", sorted[i].Time)
		for _, t := range changed {
			fmt.Fprintf(bw, "b%s %s\n", strconv.FormatUint(uint64(uint32(last[t])), 2), targets[t])
		}
		i = j
	}
	return bw.Flush()
}

// vcdID is the n-th short identifier made of the printable characters
// '!'..'~' that VCD allows.
func vcdID(n int) string {
	const first, count = '!', '~' - '!' + 1
	var b []byte
	for {
		b = append(b, byte(first+n%count))
		n = n/count - 1
		if n < 0 {
			break
		}
	}
	return string(b)
}
