package batch

import "encoding/binary"

// fitSerial (for tests, which check the identities the batch computed
// against the bytes) reads file_id.serial_number from a FIT file as encode/fit
// writes it: a header, then the file_id definition and its data message.
func fitSerial(b []byte) (uint32, bool) {
	if len(b) < 12 || int(b[0]) > len(b) {
		return 0, false
	}
	i := int(b[0])
	type field struct{ num, size byte }
	var defs [16][]field
	var arch [16]byte
	var global [16]uint16
	for n := 0; n < 8 && i < len(b); n++ {
		h := b[i]
		i++
		if h&0x80 != 0 {
			return 0, false // compressed timestamp: not from encode/fit
		}
		local := h & 0x0F
		if h&0x40 != 0 { // definition
			if i+5 > len(b) {
				return 0, false
			}
			arch[local] = b[i+1]
			if arch[local] == 0 {
				global[local] = binary.LittleEndian.Uint16(b[i+2:])
			} else {
				global[local] = binary.BigEndian.Uint16(b[i+2:])
			}
			nf := int(b[i+4])
			i += 5
			defs[local] = defs[local][:0]
			for k := 0; k < nf; k++ {
				if i+3 > len(b) {
					return 0, false
				}
				defs[local] = append(defs[local], field{b[i], b[i+1]})
				i += 3
			}
			if h&0x20 != 0 {
				if i >= len(b) {
					return 0, false
				}
				i += 1 + 3*int(b[i])
			}
			continue
		}
		for _, f := range defs[local] {
			if i+int(f.size) > len(b) {
				return 0, false
			}
			if global[local] == 0 && f.num == 3 && f.size == 4 {
				if arch[local] == 0 {
					return binary.LittleEndian.Uint32(b[i:]), true
				}
				return binary.BigEndian.Uint32(b[i:]), true
			}
			i += int(f.size)
		}
		if global[local] == 0 {
			return 0, false
		}
	}
	return 0, false
}
