# PENDING (decide): len() of a non-ASCII string counts UTF-8 bytes (len("\u00e9") is 2; CPython: 1). ARTIQ's runtime strings are bytes, so this may be intended; if so, document it and reject or state it
print(len("\u00e9"), len("caf\u00e9"))
