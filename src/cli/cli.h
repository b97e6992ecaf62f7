/* Command-line verbs. Each takes the loaded configuration and the arguments after the verb. */
#ifndef SH_CLI_H
#define SH_CLI_H

#include "core/buf.h"
#include "core/config.h"
#include "store/store.h"

int sh_cmd_serve(const sh_config *cfg, int argc, char **argv);
int sh_cmd_migrate(const sh_config *cfg, int argc, char **argv);
int sh_cmd_demo(const sh_config *cfg, int argc, char **argv);
int sh_cmd_user(const sh_config *cfg, int argc, char **argv);
int sh_cmd_token(const sh_config *cfg, int argc, char **argv);
int sh_cmd_import(const sh_config *cfg, int argc, char **argv);
int sh_cmd_export(const sh_config *cfg, int argc, char **argv);
int sh_cmd_risk(const sh_config *cfg, int argc, char **argv);
/* Runs the server's periodic sweep once (escalation, camera heartbeats and offline marks), e.g. from cron. */
int sh_cmd_sweep(const sh_config *cfg, int argc, char **argv);
/* The holiday calendar: import a year's notice from CSV, show a year. */
int sh_cmd_calendar(const sh_config *cfg, int argc, char **argv);

/* Limit tables for judging test results: import categories|analytes|limits FILE.csv, list. */
int sh_cmd_limits(const sh_config *cfg, int argc, char **argv);

/* The bureau's settings: list, set KEY VALUE (audited as the system). */
int sh_cmd_settings(const sh_config *cfg, int argc, char **argv);

/* backup --out FILE: the database and its attachments in one file, while the server runs;
 * restore FILE: onto an empty install, checked (transfer/backup.h). */
int sh_cmd_backup(const sh_config *cfg, int argc, char **argv);
int sh_cmd_restore(const sh_config *cfg, int argc, char **argv);

/* The ledger: checkpoint, key, verify (a proof offline, or the whole log with --db). */
int sh_cmd_ledger(const sh_config *cfg, int argc, char **argv);
/* ledger witness-init --out DIR [--name NAME]; ledger witness --url BASE --log-key KEY --key FILE [--state DIR]
 * (ledger_witness.c) */
int sh_ledger_witness_init(int argc, char **argv);
int sh_ledger_witness(int argc, char **argv);
/* A verifier key: the argument itself, or the first line of the file it names. -1 when too long. */
int sh_ledger_load_key(const char *arg, char *out, size_t size);

/* Opens the configured database (creating its folder) and applies pending migrations. */
int sh_cli_open_db(const sh_config *cfg, sh_db **ret);
/* Value of "--name VALUE" / "--name=VALUE" among argv, or NULL. Flags without a value: sh_cli_flag. */
const char *sh_cli_opt(int argc, char **argv, const char *name);
int sh_cli_flag(int argc, char **argv, const char *name);
/* Reads a whole file ("-": standard input) into out; -1 when it cannot be opened. */
int sh_cli_read_file(const char *path, sh_buf *out);
/* Reports an error to stderr and returns 1 (the exit status). */
int sh_cli_fail(const char *what, const sh_err *err);

#endif
