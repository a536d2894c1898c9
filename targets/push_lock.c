/* One push at a time per state file: an exclusive lock on STATE.lock, held
 * for the whole read-change-write of the state (docs/CLI.md, "Lock"). Two
 * pushes at once would each create what the other creates, and the last to
 * write the state would drop the other's ids. The lock is a POSIX record
 * lock (fcntl), which the kernel drops when the process ends, however it
 * ends: a killed push never leaves a stale lock. The file stays; it holds
 * who has the lock, for the message of the push that waits. */
#include "push_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../compiler/arena.h"

static bool try_lock(int fd)
{
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	return fcntl(fd, F_SETLK, &l) == 0;
}

/* What the holder wrote into the lock file: "pid N since TIME". */
static const char *holder(struct arena *a, int fd)
{
	char buf[128];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return "another push";
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	for (char *p = buf; *p; p++)     /* another program may have written it */
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return arena_printf(a, "another push (%s)", buf);
}

static void write_holder(int fd)
{
	char when[32] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char line[96];
	int n = snprintf(line, sizeof line, "pid %ld since %s\n", (long)getpid(), when);
	if (ftruncate(fd, 0) == 0 && pwrite(fd, line, (size_t)n, 0) == n)
		return;       /* the message of a waiting push is all it is for */
}

int push_lock_take(struct push_ctx *c)
{
	const char *path = arena_printf(c->a, "%s.lock", c->state_path);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "ivrc: %s: cannot open the lock file: %s\n", path, strerror(errno));
		return PUSH_USAGE;
	}
	const struct timespec slice = { 0, 100 * 1000 * 1000 };
	double waited = 0;
	bool said = false;
	while (!try_lock(fd)) {
		if (errno != EACCES && errno != EAGAIN) {
			fprintf(stderr, "ivrc: %s: cannot lock: %s\n", path, strerror(errno));
			close(fd);
			return PUSH_USAGE;
		}
		if (waited >= c->o->lock_timeout || push_interrupted()) {
			fprintf(stderr, "ivrc: %s: %s holds the state file %s%s; nothing was sent "
				"(--lock-timeout SECONDS waits for it)\n", c->target, holder(c->a, fd),
				c->state_path, waited > 0 ? arena_printf(c->a, " (waited %.0f s)",
									 waited) : "");
			close(fd);
			return PUSH_USAGE;
		}
		if (!said) {
			fprintf(stderr, "ivrc: %s: waiting for %s, which holds %s\n", c->target,
				holder(c->a, fd), c->state_path);
			said = true;
		}
		nanosleep(&slice, NULL);
		waited += 0.1;
	}
	write_holder(fd);
	c->lock_fd = fd;
	return PUSH_CLEAN;
}

void push_lock_release(struct push_ctx *c)
{
	if (c->lock_fd >= 0)
		close(c->lock_fd);      /* closing drops the lock */
	c->lock_fd = -1;
}
