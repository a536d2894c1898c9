/* Deploy: `ivrc plan` and `ivrc push` (CLI.md, "Push"). The only part of
 * ivrc that talks to the network (libcurl). A linked bundle is compared with
 * the state file (and, with --refresh, the provider's own lists), then the
 * objects are created, updated or deleted in link order; every remote id is
 * written to the state file, atomically, the moment it is known.
 * docs/CLI.md ("Choices") and docs/TARGETS.md ("Push") describe the
 * behaviour; targets/push_impl.h the pieces. */
#ifndef IVRC_PUSH_H
#define IVRC_PUSH_H
#include <stdbool.h>
#include <time.h>
#include "target.h"

/* Exit statuses (the same numbers as the CLI's, CLI.md "Exit status"). */
enum {
	PUSH_CLEAN = 0,
	PUSH_USAGE = 2,      /* bad state file, missing credentials, refused URL */
	PUSH_REMOTE = 3,     /* the provider refused or could not be reached */
	PUSH_PENDING = 4,    /* plan --detailed-exitcode: changes are pending */
};

struct push_opts {
	bool plan;                /* print the plan, change nothing */
	bool refresh;             /* plan: read the remote objects (push always does) */
	bool json;                /* plan: print the plan as JSON */
	bool detailed_exitcode;   /* plan: PUSH_PENDING when there is something to do */
	bool dry_run;             /* print every request, send nothing */
	bool yes;                 /* no confirmation */
	bool prune;               /* delete what the state holds and the file no longer declares */
	const char *state_path;   /* NULL: ivrc.state.json beside the input */
	double lock_timeout;      /* seconds to wait for another push's lock */
	const char *input;        /* the source file, "-" for standard input */
	const char *cacert;       /* --cacert; NULL: IVRC_CA_BUNDLE, else the system's */
	const char *user_agent;   /* "ivrc/VERSION" */
};

/* Plans or pushes bundle b (already in link order, placeholders unfilled)
 * of program p. Prints the plan and progress on standard output, problems
 * on standard error (never a token). Returns a PUSH_* status. */
int push_run(struct bundle *b, const struct ast_program *p, const struct push_opts *o);

/* ---------- pure helpers, unit-tested (tests/unit/test_push_policy.c) ---------- */

/* Whether push may send to base URL `url`: https always; plain http only to
 * a loopback host (127.0.0.0/8, ::1, localhost); no user name or password,
 * query or fragment in it. Opens nothing. On false, *why says why. */
bool push_url_allowed(const char *url, const char **why);
/* A host name as a URL carries it ("[::1]" or "::1"), loopback or not. */
bool push_host_is_loopback(const char *host);

/* Seconds to wait from a Retry-After header: delay-seconds or an HTTP date
 * (then relative to now; a date in the past is 0). -1 when unreadable. */
double push_retry_after(const char *value, double now);
/* Seconds to wait until Smartflo's `retry_after`, a local Indian time
 * (UTC+05:30) "YYYY-MM-DD HH:MM:SS" (or with a 'T'); -1 when unreadable. */
double push_retry_after_ist(const char *value, double now);
/* Exponential backoff with equal jitter: the attempt's delay
 * d = min(cap, base * 2^(attempt-1)), then d/2 + d/2 * jitter, jitter in [0, 1). */
double push_backoff(int attempt, double base, double cap, double jitter);

#endif
