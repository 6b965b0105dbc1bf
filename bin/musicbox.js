#!/usr/bin/env node
// Entry point of the `musicbox` command: TypeScript sources run through tsx.
require('tsx/cjs');
require('../cli/main.ts');
