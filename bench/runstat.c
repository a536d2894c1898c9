/* Runs a command and reports its wall time and peak RSS, for bench/run.py.
 *
 *   runstat MEM_LIMIT_BYTES TIMEOUT_SECONDS COMMAND [ARG...]
 *
 * Prints one line to stderr after the child's own output:
 *   "runstat: WALL_SECONDS CPU_SECONDS MAXRSS_KB STATUS"
 * (CPU: user + system time; STATUS: the exit code, or -SIGNAL).
 * The child's stdout and stderr are passed through. Why not measure from
 * python: a child forked from python inherits python's RSS high-water mark
 * at exec (Linux keeps the larger of the old and new mm), which adds ~12 MB
 * to every getrusage(RUSAGE_CHILDREN) figure; forked from this small program
 * the floor is ~1 MB. The child runs with RLIMIT_AS = MEM_LIMIT_BYTES and is
 * killed (SIGKILL) after TIMEOUT_SECONDS. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t child;

static void on_alarm(int sig)
{
	(void)sig;
	if (child > 0)
		kill(child, SIGKILL);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: runstat MEM_LIMIT_BYTES TIMEOUT_SECONDS COMMAND [ARG...]\n", stderr);
		return 2;
	}
	rlim_t limit = (rlim_t)strtoull(argv[1], NULL, 10);
	unsigned timeout = (unsigned)strtoul(argv[2], NULL, 10);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	child = fork();
	if (child < 0) {
		perror("runstat: fork");
		return 2;
	}
	if (child == 0) {
		struct rlimit as = { limit, limit }, core = { 0, 0 };
		setrlimit(RLIMIT_AS, &as);
		setrlimit(RLIMIT_CORE, &core);
		execvp(argv[3], argv + 3);
		perror("runstat: exec");
		_exit(127);
	}
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(timeout);
	int status;
	struct rusage ru;
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			perror("runstat: waitpid");
			return 2;
		}
	getrusage(RUSAGE_CHILDREN, &ru);     /* the one child waited for */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		     (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	fprintf(stderr, "runstat: %.6f %.6f %ld %d\n", secs, cpu, ru.ru_maxrss, code);
	return 0;
}
