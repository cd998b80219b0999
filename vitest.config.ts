import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start embedded servers; infrastructure tests synthesise stacks.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Temporary files of the whole run go to one folder, removed at the end.
    globalSetup: ['test/support/scratch-tmpdir.ts'],
  },
});
