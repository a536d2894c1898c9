/* `ivrc simulate`, `ivrc test`, `ivrc graph` and `ivrc paths`: load and check a file, then
 * play calls through it (simulate.c) or print its call graph (graph.c).
 * main.c parses the arguments and calls these. */
#ifndef IVRC_SIM_CLI_H
#define IVRC_SIM_CLI_H
#include <stdbool.h>
#include "../compiler/graph.h"

struct sim_cli_opts {
	const char *syntax;        /* --syntax yaml|dsl, NULL: by extension */
	const char *target;        /* --target T, NULL: the language's own semantics */
	const char *env;           /* --env NAME, NULL: none (the file's own ids) */
	const char *start;         /* simulate --start DEST, NULL: the first entry point */
	const char *input;         /* simulate --input "1 silence 2" */
	const char *at;            /* simulate --at "2026-12-25 09:00", NULL: no time */
	const char *api_fixture;   /* --api-fixture FILE.json: {URL: {field: value}} */
	bool json;                 /* simulate --format json */
	const char *format;        /* paths --format text|json|csv, NULL: text */
	const char *limit;         /* paths --limit N, NULL: the default */
	bool emit_tests;           /* paths --emit-tests */
	enum graph_format graph;   /* graph --format dot|mermaid */
	bool times;                /* graph --times */
};

int sim_cli_simulate(const struct sim_cli_opts *o, const char *file);
int sim_cli_test(const struct sim_cli_opts *o, char **files, int nfiles);
int sim_cli_graph(const struct sim_cli_opts *o, const char *file);
/* `ivrc paths`: every caller path from each start (--from, else the entry
 * points), per target (--target, else each declared one). */
int sim_cli_paths(const struct sim_cli_opts *o, const char *file);

#endif
