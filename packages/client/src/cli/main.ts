#!/usr/bin/env node
/**
 * `adal`: the operator's command line of a regional office — verify and seal the log, rebuild a read model,
 * print statistics, forget a data subject, migrate the database. Each subcommand lives in its own module;
 * `runCli` reads the subcommand and runs it; this bin gives it the process's arguments and streams and
 * sets the exit code.
 *
 * @packageDocumentation
 */
import { processIo } from './CliIo.js';
import { runCli } from './runCli.js';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
