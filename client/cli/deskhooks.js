#!/usr/bin/env node
// The installed `deskhooks` command (package.json "bin"): runs the TypeScript sources as they are, through
// tsx's require hook, the same way `npm start` runs the server, so there is no build step to forget.
'use strict';
require('tsx/cjs');
require('./main.ts')
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
