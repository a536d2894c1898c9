/* Push's transport (see push_impl.h): the URL policy, one libcurl easy
 * handle reused for every request (keep-alive), TLS verified, timeouts, a
 * User-Agent; retries with exponential backoff and jitter that honour
 * Retry-After (and Smartflo's retry_after); a create whose answer was lost
 * is matched by name before it is sent again; pacing; Ctrl-C. */
#include "push_impl.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../compiler/arena.h"
#include "../compiler/shown.h"

enum {
	ANSWER_LIMIT = 64 << 20,     /* bytes of one answer we accept */
	MESSAGE_LIMIT = 1024,        /* bytes of a message shown: a provider's can be long */
};
static const double MAX_WAIT = 300;          /* longer: give up, try later */
static const double BACKOFF_BASE = 1, BACKOFF_CAP = 60;

/* ---------- Ctrl-C ----------
 * The one piece of global state in ivrc: a signal handler may only store
 * to a `volatile sig_atomic_t` object (C11 7.14.1.1), so the flag that
 * asks push to stop after the current request cannot live in the context.
 * SA_RESETHAND: a second Ctrl-C ends the process at once. */
static volatile sig_atomic_t push_stop;
static struct sigaction push_old_int;

static void on_sigint(int sig)
{
	(void)sig;
	push_stop = 1;
}

void push_signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;      /* no SA_RESTART: waits wake up */
	push_stop = 0;
	sigaction(SIGINT, &sa, &push_old_int);
}

void push_signals_restore(void)
{
	sigaction(SIGINT, &push_old_int, NULL);
}

bool push_interrupted(void)
{
	return push_stop != 0;
}

/* ---------- the URL policy ---------- */

bool push_host_is_loopback(const char *host)
{
	char buf[64];
	size_t n = host ? strlen(host) : 0;
	if (n == 0 || n >= sizeof buf)
		return false;
	if (host[0] == '[' && host[n - 1] == ']') {
		memcpy(buf, host + 1, n - 2);
		buf[n - 2] = '\0';
	} else {
		memcpy(buf, host, n + 1);
	}
	if (strcasecmp(buf, "localhost") == 0)
		return true;
	struct in_addr v4;
	if (inet_pton(AF_INET, buf, &v4) == 1)
		return ((const unsigned char *)&v4.s_addr)[0] == 127;
	struct in6_addr v6;
	if (inet_pton(AF_INET6, buf, &v6) == 1)
		return memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
	return false;
}

static bool url_part(CURLU *u, CURLUPart part, char **out)
{
	*out = NULL;
	return curl_url_get(u, part, out, 0) == CURLUE_OK && *out;
}

/* The policy on a parsed URL; *why when it refuses. */
static bool url_policy(CURLU *u, const char **why)
{
	char *scheme, *host, *x;
	bool ok = false;
	if (url_part(u, CURLUPART_USER, &x) || url_part(u, CURLUPART_PASSWORD, &x))
		*why = "a user name or password does not go in the URL";
	else if (url_part(u, CURLUPART_QUERY, &x) || url_part(u, CURLUPART_FRAGMENT, &x))
		*why = "a base URL has no query or fragment";
	else
		x = NULL;
	if (x) {
		curl_free(x);
		return false;
	}
	if (!url_part(u, CURLUPART_SCHEME, &scheme) || !url_part(u, CURLUPART_HOST, &host)) {
		curl_free(scheme);
		*why = "not a URL with a scheme and a host";
		return false;
	}
	if (strcasecmp(scheme, "https") == 0)
		ok = true;
	else if (strcasecmp(scheme, "http") != 0)
		*why = "only https URLs are allowed";
	else if (!(ok = push_host_is_loopback(host)))
		*why = "plain http is allowed only to a loopback host (127.0.0.0/8, ::1, "
		       "localhost); use https";
	curl_free(scheme);
	curl_free(host);
	return ok;
}

bool push_url_allowed(const char *url, const char **why)
{
	static const char *unused;
	if (!why)
		why = &unused;
	*why = NULL;
	if (!url || !strstr(url, "://")) {
		*why = "not a URL with a scheme and a host";
		return false;
	}
	CURLU *u = curl_url();
	if (!u) {
		*why = "out of memory";
		return false;
	}
	bool ok = false;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		*why = "not a valid URL";
	else
		ok = url_policy(u, why);
	curl_url_cleanup(u);
	return ok;
}

/* ---------- Retry-After, retry_after, backoff ---------- */

double push_retry_after(const char *value, double now)
{
	if (!value)
		return -1;
	while (isspace((unsigned char)*value))
		value++;
	if (isdigit((unsigned char)*value)) {
		char *end;
		errno = 0;
		double s = strtod(value, &end);
		while (isspace((unsigned char)*end))
			end++;
		if (errno || *end || s < 0 || s > 1e9 || s != (double)(long long)s)
			return -1;
		return s;
	}
	time_t at = curl_getdate(value, NULL);    /* RFC 7231 dates, all three forms */
	if (at == (time_t)-1 || !*value)
		return -1;
	return (double)at > now ? (double)at - now : 0;
}

double push_backoff(int attempt, double base, double cap, double jitter)
{
	if (attempt < 1)
		attempt = 1;
	double d = base;
	for (int i = 1; i < attempt && d < cap; i++)
		d *= 2;
	if (d > cap)
		d = cap;
	if (jitter < 0)
		jitter = 0;
	if (jitter >= 1)
		jitter = 0.999999;
	return d / 2 + d / 2 * jitter;
}

/* xorshift32: jitter only, not secrets. */
static double jitter(struct push_ctx *c)
{
	unsigned x = c->rng ? c->rng : 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	c->rng = x;
	return (double)(x % 1000000u) / 1000000.0;
}

/* ---------- settings from the environment ---------- */

static double env_number(const char *name, double dflt, double lo, double hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return dflt;
	char *end;
	double x = strtod(v, &end);
	if (*end || !(x >= lo && x <= hi)) {
		fprintf(stderr, "ivrc: warning: ignoring %s='%s' (expected a number from %g "
			"to %g)\n", name, v, lo, hi);
		return dflt;
	}
	return x;
}

void push_http_settings(struct push_ctx *c)
{
	double t = env_number("IVRC_HTTP_TIMEOUT", 60, 1, 3600);
	c->timeout = (long)t;
	c->connect_timeout = c->timeout < 10 ? c->timeout : 10;
	c->backoff_scale = env_number("IVRC_BACKOFF_SCALE", 1, 0, 1000);
	c->pace_scale = env_number("IVRC_PACE_SCALE", 1, 0, 1000);
	c->max_attempts = (int)env_number("IVRC_MAX_ATTEMPTS", 6, 1, 20);
	c->rng = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
}

/* ---------- the clock ---------- */

double push_clock(const struct push_ctx *c)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + c->clock_offset;
}

bool push_wait(struct push_ctx *c, double seconds, double scale)
{
	if (seconds <= 0)
		return !push_interrupted();
	double real = seconds * scale, start = push_clock(c);
	c->clock_offset += seconds - real;      /* the part not slept for real */
	double until = start + seconds;
	while (!push_interrupted()) {
		double left = until - push_clock(c);
		if (left <= 0)
			return true;
		if (left > 0.1)
			left = 0.1;
		struct timespec ts = { 0, (long)(left * 1e9) };
		nanosleep(&ts, NULL);
	}
	return false;
}

bool push_pace(struct push_ctx *c, const char *what)
{
	size_t limit = (size_t)c->pv->updates_per_minute;
	if (!limit)
		return true;
	if (limit > sizeof c->paced / sizeof c->paced[0])
		limit = sizeof c->paced / sizeof c->paced[0];
	if (c->npaced == limit) {
		double wait = c->paced[0] + 60 - push_clock(c);
		if (wait > 0) {
			printf("pacing: waiting %.0f s before updating %s (%s)\n", wait, what,
			       c->pv->pace_note);
			fflush(stdout);
			if (!push_wait(c, wait, c->pace_scale))
				return false;
		}
		memmove(c->paced, c->paced + 1, (limit - 1) * sizeof c->paced[0]);
		c->npaced--;
	}
	c->paced[c->npaced++] = push_clock(c);
	return true;
}

/* ---------- text helpers ---------- */

/* s with every occurrence of secret replaced by "***". */
static const char *hide(struct arena *a, const char *s, const char *secret)
{
	if (!s || !secret || !*secret || !strstr(s, secret))
		return s;
	size_t n = strlen(secret), len = 0;
	for (const char *p = s; (p = strstr(p, secret)); p += n)
		len++;
	char *out = arena_alloc(a, strlen(s) + len * 3 + 1), *o = out;
	for (const char *p = s, *q; ; p = q + n) {
		q = strstr(p, secret);
		if (!q) {
			strcpy(o, p);
			break;
		}
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, "***", 3);
		o += 3;
	}
	return out;
}

/* A secret as JSON writes it, without the quotes (a provider that quotes
 * a request back holds this form); NULL when it is the raw form. */
static const char *json_form(struct arena *a, const char *secret)
{
	cJSON *j = secret ? cJSON_CreateString(secret) : NULL;
	char *text = j ? cJSON_PrintUnformatted(j) : NULL;
	size_t n = text ? strlen(text) : 0;
	/* Escaping only adds bytes: equal over n - 2 bytes means unchanged. */
	const char *out = n > 2 && strncmp(text + 1, secret, n - 2) != 0
				  ? arena_strndup(a, text + 1, n - 2) : NULL;
	if (text)
		memset(text, 0, n);
	if (j)
		memset(j->valuestring, 0, strlen(j->valuestring));
	cJSON_free(text);
	cJSON_Delete(j);
	return out;
}

/* Only for text ivrc did not write (a provider's message, a refused base
 * URL): what ivrc builds masks each credential where it goes instead
 * (print_request), and a search there would corrupt it ("e***tension" for
 * a token "x"). Every secret is searched for, however short: a short one
 * over-masks the provider's text, but a minimum length would print a
 * short secret that the provider echoes. */
const char *push_redact(const struct push_ctx *c, const char *s)
{
	const char *secrets[] = { c->token, c->login_password };
	for (size_t i = 0; s && i < sizeof secrets / sizeof secrets[0]; i++) {
		s = hide(c->a, s, secrets[i]);
		s = hide(c->a, s, json_form(c->a, secrets[i]));
	}
	return s;
}

const char *push_url(struct push_ctx *c, const char *path)
{
	const char *acc = strstr(path, "{account_id}");
	if (acc && c->account)
		path = arena_printf(c->a, "%.*s%s%s", (int)(acc - path), path,
				    push_escape(c->a, c->account), acc + strlen("{account_id}"));
	return arena_concat(c->a, c->base, path, (char *)NULL);
}

/* ---------- the handle ---------- */

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	struct push_resp *r = ud;
	size_t add = size * n;
	if (r->len + add > ANSWER_LIMIT)
		return 0;
	char *grown = realloc(r->body, r->len + add + 1);
	if (!grown)
		return 0;
	memcpy(grown + r->len, data, add);
	r->len += add;
	grown[r->len] = '\0';
	r->body = grown;
	return add;
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
	struct push_resp *r = ud;
	size_t len = size * n, k = strlen("retry-after:");
	if (len > k && strncasecmp(data, "retry-after:", k) == 0) {
		const char *v = data + k;
		size_t vl = len - k;
		while (vl && isspace((unsigned char)*v))
			v++, vl--;
		while (vl && isspace((unsigned char)v[vl - 1]))
			vl--;
		if (vl >= sizeof r->retry_after)
			vl = sizeof r->retry_after - 1;
		memcpy(r->retry_after, v, vl);
		r->retry_after[vl] = '\0';
	}
	return len;
}

static bool set_options(struct push_ctx *c, CURL *h)
{
	const char *ca = c->o->cacert ? c->o->cacert : getenv("IVRC_CA_BUNDLE");
	bool ok = curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->connect_timeout) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_USERAGENT, c->o->user_agent ? c->o->user_agent
									   : "ivrc") == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body) == CURLE_OK &&
		  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header) == CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
	ok = ok && curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK;
#else
	ok = ok && curl_easy_setopt(h, CURLOPT_PROTOCOLS,
				    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)) == CURLE_OK;
#endif
	if (ok && ca && *ca)
		ok = curl_easy_setopt(h, CURLOPT_CAINFO, ca) == CURLE_OK;
	/* A proxy from the environment must not see loopback test traffic. */
	if (ok && c->loopback)
		ok = curl_easy_setopt(h, CURLOPT_PROXY, "") == CURLE_OK;
	return ok;
}

static bool readable_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f)
		fclose(f);
	return f != NULL;
}

/* Checks the CA bundle and the base URL (scheme added when missing). */
static int check_base(struct push_ctx *c)
{
	const char *ca = c->o->cacert ? c->o->cacert : getenv("IVRC_CA_BUNDLE");
	if (ca && *ca && !readable_file(ca)) {
		fprintf(stderr, "ivrc: %s: cannot read the CA bundle: %s\n", ca, strerror(errno));
		return PUSH_USAGE;
	}
	const char *why, *env = c->pv->base_env, *base = getenv(env);
	if (!base || !*base)
		base = c->pv->default_base;
	if (!base) {
		fprintf(stderr, "ivrc: %s is not set (the %s API's base URL)\n", env, c->t->caps.label);
		return PUSH_USAGE;
	}
	if (!strstr(base, "://"))
		base = arena_printf(c->a, "https://%s", base);
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	c->base = arena_strndup(c->a, base, n);
	if (!push_url_allowed(c->base, &why)) {
		fprintf(stderr, "ivrc: %s '%s' refused: %s\n", env,
			push_redact(c, push_url_shown(c->a, c->base)), why);
		return PUSH_USAGE;
	}
	CURLU *u = curl_url();
	char *host = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, c->base, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		c->loopback = push_host_is_loopback(host);
	curl_free(host);
	curl_url_cleanup(u);
	return PUSH_CLEAN;
}

int push_http_open(struct push_ctx *c, bool send)
{
	int st = check_base(c);
	if (st != PUSH_CLEAN || !send)
		return st;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "ivrc: cannot initialise libcurl\n");
		return PUSH_REMOTE;
	}
	CURL *h = curl_easy_init();
	if (!h || !set_options(c, h)) {
		fprintf(stderr, "ivrc: cannot set up libcurl (does it support https?)\n");
		if (h)
			curl_easy_cleanup(h);
		curl_global_cleanup();
		return PUSH_REMOTE;
	}
	c->curl = h;
	return PUSH_CLEAN;
}

void push_http_close(struct push_ctx *c)
{
	if (!c->curl)
		return;
	curl_easy_cleanup(c->curl);
	curl_global_cleanup();
	c->curl = NULL;
}

void push_resp_free(struct push_resp *r)
{
	free(r->body);
	cJSON_Delete(r->json);
	memset(r, 0, sizeof *r);
}

/* ---------- one exchange ---------- */

static struct curl_slist *headers_for(struct push_ctx *c, const struct push_call *k)
{
	struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
	if (k->body)
		h = curl_slist_append(h, "Content-Type: application/json");
	if (!k->login && c->token) {
		char *line = arena_printf(c->a, "Authorization: %s %s", c->pv->auth.scheme,
					  c->token);
		h = curl_slist_append(h, line);
		memset(line, 0, strlen(line));   /* libcurl has its own copy */
	}
	return h;
}

static void send_once(struct push_ctx *c, const struct push_call *k, struct push_resp *r)
{
	CURL *h = c->curl;
	struct curl_slist *hdr = headers_for(c, k);
	bool get = strcmp(k->method, "GET") == 0;
	curl_easy_setopt(h, CURLOPT_URL, push_url(c, k->path));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	if (k->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, k->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(k->body));
	} else {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	}
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, get ? NULL : k->method);
	/* libcurl sends a request again, by itself, when a kept-alive connection
	 * closes without an answer: a blind second create for a POST, and for a
	 * PUT or DELETE a request that push's retries, log and pacing (Infobip
	 * counts updates) never see. So every write gets a connection of its own. */
	curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, get ? 0L : 1L);
	r->curl_err = (int)curl_easy_perform(h);
	if (r->curl_err == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->http);
	else
		r->http = 0;
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdr);
}

/* ---------- judging an answer ---------- */

static enum push_verdict transport_verdict(int err)
{
	switch (err) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		return PV_RETRY;           /* never reached the provider */
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_WRITE_ERROR:
	case CURLE_OUT_OF_MEMORY:
		return PV_FAIL;
	default:
		return PV_LOST;            /* timed out, dropped: it may have arrived */
	}
}

static const char *transport_message(struct push_ctx *c, int err)
{
	const char *m = curl_easy_strerror((CURLcode)err);
	if (err == CURLE_PEER_FAILED_VERIFICATION || err == CURLE_SSL_CACERT_BADFILE)
		return arena_printf(c->a, "%s (a private CA: --cacert or IVRC_CA_BUNDLE)", m);
	if (err == CURLE_WRITE_ERROR)
		return "the answer is too large";
	return m;
}

/* Parses the body when it is exactly one JSON value. */
static void parse_body(struct push_resp *r)
{
	if (!r->body || r->json)
		return;
	const char *end = NULL;
	r->json = cJSON_ParseWithLengthOpts(r->body, r->len, &end, false);
	while (r->json && end && (size_t)(end - r->body) < r->len && isspace((unsigned char)*end))
		end++;
	if (r->json && end && (size_t)(end - r->body) < r->len) {
		cJSON_Delete(r->json);
		r->json = NULL;
	}
}

static bool blank(const struct push_resp *r)
{
	for (size_t i = 0; i < r->len; i++)
		if (!isspace((unsigned char)r->body[i]))
			return false;
	return true;
}

/* The wait a 429 asks for: Retry-After, else the provider's body. */
static double asked_wait(struct push_ctx *c, const struct push_resp *r, const char **source)
{
	/* To the fraction of a second: time() is a coarse clock that can lag
	 * the provider's, and a date's whole second would then wait a second
	 * more than asked. */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	double now = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	double w = r->retry_after[0] ? push_retry_after(r->retry_after, now) : -1;
	*source = "Retry-After";
	if (w < 0 && c->pv->body_retry_after && r->json) {
		w = c->pv->body_retry_after(r->json, now);
		*source = "retry_after";
	}
	return w;
}

static enum push_verdict judge(struct push_ctx *c, const struct push_call *k,
			       struct push_resp *r, const char **msg, double *wait,
			       const char **source)
{
	*wait = -1;
	*msg = NULL;
	if (r->curl_err) {
		*msg = transport_message(c, r->curl_err);
		return transport_verdict(r->curl_err);
	}
	parse_body(r);
	bool bad_json = r->body && !r->json && !blank(r);
	if (r->http == 429) {
		*wait = asked_wait(c, r, source);
		*msg = "HTTP 429 (too many requests)";
		return PV_RETRY;
	}
	const char *said = NULL;
	enum push_verdict v = bad_json ? PV_FAIL : c->pv->judge(r, &said);
	/* The provider's words may echo a secret: redacted whole, here, before
	 * a message is made of them and cut (a cut first would leave a prefix). */
	said = push_redact(c, said);
	if (r->http >= 500) {
		*msg = said ? arena_printf(c->a, "HTTP %ld: %s", r->http, said)
			    : arena_printf(c->a, "HTTP %ld", r->http);
		return PV_LOST;
	}
	if (r->http == 404 && !k->login && strcmp(k->method, "POST") != 0)
		return PV_GONE;
	if (bad_json) {
		*msg = arena_printf(c->a, "HTTP %ld with an answer that is not JSON", r->http);
		return r->http >= 200 && r->http < 300 ? PV_LOST : PV_FAIL;
	}
	*msg = said ? said : arena_printf(c->a, "HTTP %ld", r->http);
	if (v == PV_AUTH && k->login)
		v = PV_FAIL;
	/* Whatever the body says: a redirect (never followed) or another
	 * status outside 2xx did not apply the request. */
	if (v == PV_OK && (r->http < 200 || r->http > 299)) {
		*msg = arena_printf(c->a, "HTTP %ld%s%s: only a 2xx answer is a success%s", r->http,
				    said ? ": " : "", said ? said : "",
				    r->http >= 300 && r->http < 400 ? " (redirects are not followed)"
								    : "");
		v = PV_FAIL;
	}
	return v;
}

/* ---------- messages ---------- */

static void report(struct push_ctx *c, const struct push_call *k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct push_ctx *c, const struct push_call *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* A provider's text: every control character escaped (shown.h). */
	const char *text = shown_text(c->a, arena_vprintf(c->a, fmt, ap));
	va_end(ap);
	/* Cut only now: the provider's words in it are redacted (judge). */
	size_t n = strlen(text);
	if (n > MESSAGE_LIMIT) {
		n = MESSAGE_LIMIT;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;                    /* not inside a UTF-8 character */
		text = arena_printf(c->a, "%.*s...", (int)n, text);
	}
	const char *path = strchr(k->path, '?') ? arena_strndup(c->a, k->path,
		(size_t)(strchr(k->path, '?') - k->path)) : k->path;
	fprintf(stderr, "ivrc: %s: %s %s%s%s%s: %s\n", c->target, k->method, path,
		k->what ? " (" : "", k->what ? k->what : "", k->what ? ")" : "", text);
	fflush(stderr);
}

/* A login body with its password field's value replaced by "***": masked
 * by field, since a search for the raw value misses it once JSON has
 * escaped a quote, a backslash or a tab in it. */
static void mask_password(const struct push_ctx *c, cJSON *body)
{
	const char *field = c->pv->auth.password_field;
	cJSON *pw = field ? cJSON_GetObjectItemCaseSensitive(body, field) : NULL;
	if (!pw)
		return;
	if (cJSON_IsString(pw))
		memset(pw->valuestring, 0, strlen(pw->valuestring));
	cJSON_ReplaceItemInObjectCaseSensitive(body, field, cJSON_CreateString("***"));
}

/* --dry-run: the request as it would go, each credential masked where it
 * goes (the Authorization header, the login body's password): the rest is
 * ivrc's own text, printed as it would be sent. */
static void print_request(struct push_ctx *c, const struct push_call *k)
{
	printf("%s %s\n", k->method, push_url(c, k->path));
	if (!k->login)
		printf("Authorization: %s ***\n", c->pv->auth.scheme);
	if (k->body) {
		cJSON *j = cJSON_Parse(k->body);
		if (j && k->login)
			mask_password(c, j);
		char *text = j ? cJSON_Print(j) : NULL;
		/* ivrc wrote the body, so it parses; a login body that did not
		 * would hold the password: never printed as it is. */
		const char *shown = text ? text : k->login ? "(not shown)" : k->body;
		printf("Content-Type: application/json\n\n%s\n", shown);
		cJSON_free(text);
		cJSON_Delete(j);
	}
	printf("\n");
}

/* ---------- with retries ---------- */

/* Logs in with the credentials of the environment (push_auth): POST
 * login_path, the token from the answer. */
int push_login(struct push_ctx *c)
{
	const struct push_auth *au = &c->pv->auth;
	cJSON *j = cJSON_CreateObject();
	cJSON_AddStringToObject(j, au->user_field, c->login_user);
	cJSON_AddStringToObject(j, au->password_field, c->login_password);
	char *body = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	struct push_call k = { .method = "POST", .path = au->login_path, .body = body,
			       .what = "login", .login = true };
	struct push_resp r;
	const char *adopted;
	enum push_verdict v = push_call(c, &k, &r, &adopted);
	if (body)
		memset(body, 0, strlen(body));     /* the password */
	cJSON_free(body);
	if (!c->curl)
		return PUSH_CLEAN;                 /* a dry run: printed */
	const cJSON *tok = cJSON_GetObjectItemCaseSensitive(r.json, au->token_field);
	int st = PUSH_CLEAN;
	if (v == PV_OK && cJSON_IsString(tok) && tok->valuestring[0] &&
	    !push_header_safe(tok->valuestring)) {
		fprintf(stderr, "ivrc: %s: the login answer's %s holds a control character: "
			"refused (it would go into an HTTP header)\n", c->target, au->token_field);
		st = PUSH_REMOTE;
	} else if (v == PV_OK && cJSON_IsString(tok) && tok->valuestring[0]) {
		c->token = arena_strdup(c->a, tok->valuestring);
	} else {
		if (v == PV_OK)
			fprintf(stderr, "ivrc: %s: the login answer holds no %s\n", c->target,
				au->token_field);
		st = PUSH_REMOTE;
	}
	push_resp_free(&r);
	return st;
}

/* A refused token: log in again, once, when the provider can. */
static bool relogin(struct push_ctx *c, const struct push_call *k, const char *msg)
{
	if (k->login || c->relogged || !c->login_user)
		return false;
	c->relogged = true;
	report(c, k, "%s; logging in again", msg);
	return push_login(c) == PUSH_CLEAN;
}

/* After a lost create: was it made? PV_OK with *adopted set when so. */
static enum push_verdict lost_create(struct push_ctx *c, const struct push_call *k,
				     const char *msg, const char **adopted)
{
	report(c, k, "%s; the create may have been applied: looking for '%s' first", msg,
	       k->remote_name);
	const char *id = NULL;
	enum push_verdict v = push_find_by_name(c, k->collection, k->remote_name, true, &id);
	if (v != PV_OK)
		return v;
	if (id)
		*adopted = id;
	return PV_OK;
}

/* After a failed attempt: PV_RETRY to send it again, else the verdict. */
static enum push_verdict after_failure(struct push_ctx *c, const struct push_call *k,
				       enum push_verdict v, const char *msg, const char **adopted)
{
	if (v == PV_AUTH) {
		report(c, k, "the credentials were refused (%s): %s", msg, c->pv->auth.refused);
		return PV_FAIL;
	}
	if (v == PV_FAIL) {
		report(c, k, "%s", msg);
		return PV_FAIL;
	}
	if (v == PV_LOST && !k->login && strcmp(k->method, "POST") == 0) {
		if (!k->remote_name) {
			report(c, k, "%s; not repeating a create that may have been applied", msg);
			return PV_FAIL;
		}
		enum push_verdict lv = lost_create(c, k, msg, adopted);
		if (lv != PV_OK || *adopted)
			return lv;
	}
	return PV_RETRY;
}

/* Waits before the next attempt: PV_RETRY, or the verdict when there will
 * be none. */
static enum push_verdict before_retry(struct push_ctx *c, const struct push_call *k,
				      const char *msg, int attempt, double wait, const char *source)
{
	if (attempt >= c->max_attempts) {
		report(c, k, "%s; gave up after %d attempts", msg, attempt);
		return PV_FAIL;
	}
	if (wait < 0) {
		wait = push_backoff(attempt, BACKOFF_BASE, BACKOFF_CAP, jitter(c));
		source = "backoff";
	}
	if (wait > MAX_WAIT) {
		report(c, k, "%s; the provider asks to wait %.0f s: try again later", msg, wait);
		return PV_FAIL;
	}
	report(c, k, "%s; retrying in %.1f s (%s; attempt %d of %d)", msg, wait, source,
	       attempt + 1, c->max_attempts);
	return push_wait(c, wait, c->backoff_scale) ? PV_RETRY : PV_STOP;
}

enum push_verdict push_call(struct push_ctx *c, const struct push_call *k,
			    struct push_resp *r, const char **adopted)
{
	memset(r, 0, sizeof *r);
	*adopted = NULL;
	if (!c->curl) {
		print_request(c, k);
		return PV_OK;
	}
	for (int attempt = 1;; attempt++) {
		const char *msg, *source = "backoff";
		double wait;
		send_once(c, k, r);
		enum push_verdict v = judge(c, k, r, &msg, &wait, &source);
		if (v == PV_OK || v == PV_GONE)
			return v;
		if (v == PV_AUTH && relogin(c, k, msg)) {
			push_resp_free(r);
			attempt--;
			continue;
		}
		if ((v = after_failure(c, k, v, msg, adopted)) == PV_RETRY)
			v = before_retry(c, k, msg, attempt, wait, source);
		if (v != PV_RETRY)
			return v;
		push_resp_free(r);
	}
}

/* ---------- lists ---------- */

static cJSON *cached(struct push_ctx *c, const char *path)
{
	for (size_t i = 0; i < c->ncache; i++)
		if (strcmp(c->cache[i].path, path) == 0)
			return c->cache[i].answer;
	return NULL;
}

static void cache_put(struct push_ctx *c, const char *path, cJSON *answer)
{
	for (size_t i = 0; i < c->ncache; i++) {
		if (strcmp(c->cache[i].path, path) == 0) {
			cJSON_Delete(c->cache[i].answer);
			c->cache[i].answer = answer;
			return;
		}
	}
	struct push_cached e = { arena_strdup(c->a, path), answer };
	ARENA_PUSH(c->a, c->cache, c->ncache, c->capcache, e);
}

const cJSON *push_list(struct push_ctx *c, const char *collection, const char *name,
		       bool fresh, enum push_verdict *v)
{
	const char *path = c->pv->list_path(c->a, collection, name);
	const cJSON *have = fresh ? NULL : cached(c, path);
	*v = PV_OK;
	if (have)
		return have;
	struct push_call k = { .method = "GET", .path = path, .what = "list" };
	struct push_resp r;
	const char *adopted;
	*v = push_call(c, &k, &r, &adopted);
	if (*v == PV_GONE) {
		report(c, &k, "HTTP 404: no such list");
		*v = PV_FAIL;
	}
	if (*v != PV_OK || !r.json) {
		if (*v == PV_OK) {
			report(c, &k, "the answer holds no list");
			*v = PV_FAIL;
		}
		push_resp_free(&r);
		return NULL;
	}
	cJSON *answer = r.json;
	r.json = NULL;
	push_resp_free(&r);
	cache_put(c, path, answer);
	return answer;
}

enum push_verdict push_find_by_name(struct push_ctx *c, const char *collection,
				    const char *name, bool fresh, const char **id)
{
	*id = NULL;
	enum push_verdict v;
	const cJSON *answer = push_list(c, collection, name, fresh, &v);
	if (!answer)
		return v;
	const cJSON *items = c->pv->list_items(answer), *it;
	const char *found = NULL, *also = NULL;
	cJSON_ArrayForEach(it, items) {
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, "name");
		const char *x = push_id_text(c->a, it, c->pv->id_key);
		if (!cJSON_IsString(n) || strcmp(n->valuestring, name) != 0 || !x)
			continue;
		if (found && strcmp(found, x) != 0)
			also = x;
		else
			found = x;
	}
	if (also) {
		fprintf(stderr, "ivrc: %s: several remote objects are named '%s' (ids %s and %s): "
			"remove the extra ones by hand, or put the right id in the state file\n",
			c->target, name, push_shown(c->a, found), push_shown(c->a, also));
		return PV_FAIL;
	}
	*id = found;
	return PV_OK;
}
