package firmware

// Exception is one of the exception types whose id the firmware fixes.
type Exception struct {
	// ID is the value of the exception struct's id field.
	ID int
	// Name is the Python class name as a kernel spells it.
	Name string
	// Python is the host-side class, qualified where the bare name would
	// be ambiguous: ARTIQ's own RuntimeError (id 0) and Python's (id 16)
	// share a Name.
	Python string
}

const coreExceptions = "artiq.coredevice.exceptions."

// builtinExceptions are in the firmware's (ARTIQ's embedding map) order;
// the index is the id.
var builtinExceptions = []Exception{
	{0, "RuntimeError", coreExceptions + "RuntimeError"},
	{1, "RTIOUnderflow", coreExceptions + "RTIOUnderflow"},
	{2, "RTIOOverflow", coreExceptions + "RTIOOverflow"},
	{3, "RTIODestinationUnreachable", coreExceptions + "RTIODestinationUnreachable"},
	{4, "DMAError", coreExceptions + "DMAError"},
	{5, "I2CError", coreExceptions + "I2CError"},
	{6, "CacheError", coreExceptions + "CacheError"},
	{7, "SPIError", coreExceptions + "SPIError"},
	{8, "SubkernelError", coreExceptions + "SubkernelError"},
	{9, "AssertionError", "AssertionError"},
	{10, "AttributeError", "AttributeError"},
	{11, "IndexError", "IndexError"},
	{12, "IOError", "IOError"},
	{13, "KeyError", "KeyError"},
	{14, "NotImplementedError", "NotImplementedError"},
	{15, "OverflowError", "OverflowError"},
	{16, "RuntimeError", "RuntimeError"},
	{17, "TimeoutError", "TimeoutError"},
	{18, "TypeError", "TypeError"},
	{19, "ValueError", "ValueError"},
	{20, "ZeroDivisionError", "ZeroDivisionError"},
	{21, "LinAlgError", "numpy.linalg.LinAlgError"},
	{22, "UnwrapNoneError", coreExceptions + "UnwrapNoneError"},
}

// Exceptions returns the exception types with firmware-fixed ids, in id
// order (len 23). User exception ids start after them.
func Exceptions() []Exception {
	return append([]Exception(nil), builtinExceptions...)
}
