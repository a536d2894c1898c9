/* Unit test for push's pure decisions (targets/push_http.c): which base
 * URLs push may send to (https; plain http only to loopback), how long a
 * Retry-After header or Smartflo's retry_after asks to wait, and the backoff
 * between retries. Nothing here opens a connection: the policy is a
 * function of the URL text. Prints one PASS/FAIL line per check; exits 1 if
 * any check failed. */
#include "targets/push.h"

#include <stdio.h>
#include <string.h>
#include "check.h"

/* ---------- the URL policy ---------- */

static void url(const char *u, int want, const char *why_has)
{
	const char *why = NULL;
	int got = push_url_allowed(u, &why);
	char what[256], detail[512];
	snprintf(what, sizeof what, "url policy: %s '%s'", want ? "allows" : "refuses",
		 u ? u : "(null)");
	snprintf(detail, sizeof detail, "got %s (%s)", got ? "allowed" : "refused",
		 why ? why : "no reason");
	int ok = got == want && (want ? why == NULL : why != NULL);
	if (ok && why_has)
		ok = strstr(why, why_has) != NULL;
	check(ok, what, detail);
}

static void test_urls(void)
{
	url("https://api-smartflo.tatateleservices.com", 1, NULL);
	url("https://public-api.sonetel.com/", 1, NULL);
	url("HTTPS://Example.COM:8443/base", 1, NULL);
	url("https://xyz.api.infobip.com", 1, NULL);
	url("http://127.0.0.1:8080", 1, NULL);
	url("http://127.0.0.1", 1, NULL);
	url("http://127.255.3.4:1", 1, NULL);
	url("http://localhost:9000", 1, NULL);
	url("http://LocalHost", 1, NULL);
	url("http://[::1]:8080/", 1, NULL);
	url("http://[0:0:0:0:0:0:0:1]", 1, NULL);
	url("http://example.com", 0, "loopback");
	url("http://api-smartflo.tatateleservices.com", 0, "loopback");
	url("http://10.0.0.1:8080", 0, "loopback");
	url("http://0.0.0.0:8080", 0, "loopback");
	url("http://128.0.0.1", 0, "loopback");
	url("http://127.0.0.1.example.com", 0, "loopback");
	url("http://localhost.example.com", 0, "loopback");
	url("http://[::2]", 0, "loopback");
	url("http://[::ffff:127.0.0.1]", 0, "loopback");
	url("ftp://127.0.0.1", 0, "https");
	url("file:///etc/passwd", 0, NULL);
	url("gopher://localhost", 0, NULL);
	url("api.example.com", 0, "scheme");
	url("", 0, NULL);
	url(NULL, 0, NULL);
	url("https://user:secret@example.com", 0, "password");
	url("https://example.com/?token=x", 0, "query");
	url("https://example.com/#frag", 0, "fragment");
	url("https://", 0, NULL);

	check(push_host_is_loopback("127.0.0.1") && push_host_is_loopback("[::1]") &&
		      push_host_is_loopback("::1") && push_host_is_loopback("localhost"),
	      "loopback hosts: 127.0.0.1, [::1], ::1, localhost", "one was refused");
	check(!push_host_is_loopback("") && !push_host_is_loopback(NULL) &&
		      !push_host_is_loopback("127.0.0") && !push_host_is_loopback("1.2.3.4") &&
		      !push_host_is_loopback("[::1") && !push_host_is_loopback("localhost."),
	      "not loopback: empty, partial, other addresses", "one was accepted");
}

/* ---------- waiting ---------- */

static void near(double got, double want, const char *what)
{
	char detail[128];
	snprintf(detail, sizeof detail, "got %g, want %g", got, want);
	check(got - want < 1e-6 && want - got < 1e-6, what, detail);
}

/* 2015-10-21 07:28:00 UTC */
static const time_t T0 = 1445412480;

static void test_retry_after(void)
{
	near(push_retry_after("120", T0), 120, "Retry-After: delay-seconds");
	near(push_retry_after("0", T0), 0, "Retry-After: 0");
	near(push_retry_after(" 7 ", T0), 7, "Retry-After: seconds with spaces");
	near(push_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", T0), 30,
	     "Retry-After: IMF-fixdate");
	near(push_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", T0 + 0.75), 29.25,
	     "Retry-After: a date counts from now to the fraction of a second");
	near(push_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", T0), 60,
	     "Retry-After: RFC 850 date");
	near(push_retry_after("Wed Oct 21 07:28:05 2015", T0), 5, "Retry-After: asctime date");
	near(push_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", T0), 0,
	     "Retry-After: a date in the past is no wait");
	near(push_retry_after("-5", T0), -1, "Retry-After: negative is unreadable");
	near(push_retry_after("1.5", T0), -1, "Retry-After: a fraction is unreadable");
	near(push_retry_after("soon", T0), -1, "Retry-After: a word is unreadable");
	near(push_retry_after("", T0), -1, "Retry-After: empty is unreadable");
	near(push_retry_after(NULL, T0), -1, "Retry-After: none");

	/* 12:58:30 in India is 07:28:30 UTC. */
	near(push_retry_after_ist("2015-10-21 12:58:30", T0), 30,
	     "Smartflo retry_after: IST date-time");
	near(push_retry_after_ist("2015-10-21 12:58:30", T0 + 0.5), 29.5,
	     "Smartflo retry_after: counts from now to the fraction of a second");
	near(push_retry_after_ist("2015-10-21T12:59:00", T0), 60,
	     "Smartflo retry_after: with a T");
	near(push_retry_after_ist("2015-10-21 12:58:10+05:30", T0), 10,
	     "Smartflo retry_after: with its offset");
	near(push_retry_after_ist("2015-10-22 00:00:00", T0), 39720,
	     "Smartflo retry_after: the next day (IST midnight)");
	near(push_retry_after_ist("2015-10-21 12:00:00", T0), 0,
	     "Smartflo retry_after: in the past is no wait");
	near(push_retry_after_ist("2015-13-01 00:00:00", T0), -1,
	     "Smartflo retry_after: month 13 is unreadable");
	near(push_retry_after_ist("2015-10-21", T0), -1,
	     "Smartflo retry_after: a date alone is unreadable");
	near(push_retry_after_ist("2015-10-21 12:58:30Z", T0), -1,
	     "Smartflo retry_after: another zone is unreadable");
	near(push_retry_after_ist(NULL, T0), -1, "Smartflo retry_after: none");
}

static void test_backoff(void)
{
	near(push_backoff(1, 1, 60, 0), 0.5, "backoff: first retry, no jitter: half the base");
	near(push_backoff(1, 1, 60, 0.5), 0.75, "backoff: first retry, half jitter");
	near(push_backoff(2, 1, 60, 0), 1, "backoff: doubles");
	near(push_backoff(3, 1, 60, 0), 2, "backoff: doubles again");
	near(push_backoff(4, 2, 60, 0), 8, "backoff: from another base");
	near(push_backoff(10, 1, 60, 0), 30, "backoff: capped (no jitter: half the cap)");
	near(push_backoff(1000, 1, 60, 0), 30, "backoff: a huge attempt stays capped");
	near(push_backoff(0, 1, 60, 0), 0.5, "backoff: attempt 0 counts as 1");
	int ok = 1;
	for (int a = 1; a <= 12; a++)
		for (double j = 0; j < 1; j += 0.125) {
			double d = push_backoff(a, 1, 60, j), lo = push_backoff(a, 1, 60, 0);
			ok &= d >= lo && d < 2 * lo + 1e-9 && d <= 60;
		}
	check(ok, "backoff: jitter stays within [d/2, d) and under the cap", "out of range");
	ok = push_backoff(5, 1, 60, 1.5) < 16 && push_backoff(5, 1, 60, -1) >= 8;
	check(ok, "backoff: jitter outside [0, 1) is clamped", "not clamped");
}

int main(void)
{
	test_urls();
	test_retry_after();
	test_backoff();
	return failures ? 1 : 0;
}
