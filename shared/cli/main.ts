import { processIo } from './cli-io';
import { exitOnUncaughtFailures } from './process-failures';
import { runCli } from './run-cli';

// The lock file pins the AWS SDK, so its notice about future releases needing Node 22 is not
// actionable for someone running this CLI on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const argv = process.argv.slice(2);
exitOnUncaughtFailures(processIo, argv.includes('--verbose'));
process.exitCode = await runCli(argv);
