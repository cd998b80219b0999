// Preloaded (NODE_OPTIONS=--require) into every process bench/cli-start.bench.ts measures: at exit
// it writes the process's peak resident set (KiB on Linux) to the file CLI_START_RSS_FILE names.
const file = process.env.CLI_START_RSS_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
