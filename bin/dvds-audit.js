#!/usr/bin/env node
import { main } from '../dist/bundle/main.mjs';

process.exitCode = await main(process.argv);
