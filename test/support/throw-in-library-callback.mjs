// Preloaded (`node --import`) into the CLI by test/integration/cli-uncaught.test.ts. The first
// HTTP request a server of the process receives (the embedded DynamoDB or S3 server) fails inside
// the server library's request callback, as dynalite's does when its database is closed: an
// exception thrown outside any command's code. With THROW_AS=rejection it is instead a promise
// nobody awaits that rejects, and the request goes on.
import http from 'node:http';

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitOnce(event, ...args) {
  if (event === 'request') {
    http.Server.prototype.emit = emit;
    const error = new Error(process.env.THROW_MESSAGE ?? 'Database is closed');
    if (process.env.THROW_AS !== 'rejection') throw error;
    Promise.reject(error);
  }
  return emit.call(this, event, ...args);
};
