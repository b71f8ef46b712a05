// Starts the CAP service on 127.0.0.1 (random port) with an in-memory database; prints {"port":N}.
const cds = require('@sap/cds');
const express = require('express');

(async () => {
  cds.root = __dirname;
  const csn = await cds.load('*');
  cds.model = cds.compile.for.nodejs(csn);
  const db = await cds.connect.to('db');
  await cds.deploy(csn).to(db);
  const app = express();
  await cds.serve('all').from(csn).in(app);
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
