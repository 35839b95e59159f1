// How the server's heap grows (ADR 155), set before anything else is loaded. V8 lets the old generation grow to
// several times what is live before it collects (up to 4× when collecting looks cheap): under load, the
// objects of requests in flight survive two scavenges, are promoted, and die in the old generation, so the
// heap swelled to 200–280 MB around 60 MB of live objects, and the process's peak RSS past 400 MB. Growing by
// at most 1.5× what is live collects sooner; the benchmark measured it (docs/performance.md). A flag given on
// the command line (node --heap-growing-percent=N) wins.
import v8 from "node:v8";

export const HEAP_GROWING_PERCENT = 50;

if (!process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
