// Linked into every executable of a sanitized build (DIMSUM_SANITIZE). A sanitizer report must
// never pass for one of dimsum's exit statuses (1: shape errors), so a report exits with 86,
// which no test accepts; the environment (ASAN_OPTIONS, UBSAN_OPTIONS) can still override these.
extern "C" const char* __asan_default_options() { return "exitcode=86:detect_leaks=1"; }
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1"; }
