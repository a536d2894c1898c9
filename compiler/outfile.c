/* Atomic output files (see outfile.h): temporary file in the same directory,
 * write, fsync, rename; directories made with mkdir -p semantics. The file
 * replaced is the one a symlink points to, it keeps its mode (and, for
 * root, its owner), and only a regular file is replaced. */
/* realpath is XSI (POSIX.1-2008 with the X/Open System Interfaces). */
#define _XOPEN_SOURCE 700
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

/* Enough tries to step over stale temporary files of crashed runs; as many
 * symlinks followed as the kernel does (ELOOP after that). */
enum { OUTFILE_TRIES = 100, OUTFILE_LINKS = 40 };

static int mkdir_one(const char *path)
{
	struct stat st;
	if (mkdir(path, 0777) == 0)
		return 0;
	int err = errno;
	if (err == EEXIST && stat(path, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	return err;
}

int outfile_mkdir_p(const char *path)
{
	size_t n = strlen(path);
	char *p = malloc(n + 1);
	if (!p)
		return ENOMEM;
	memcpy(p, path, n + 1);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	int err = 0;
	/* Each prefix that ends before a '/', then the whole path. */
	for (size_t i = 1; i <= n && !err; i++) {
		if (i < n && (p[i] != '/' || p[i - 1] == '/'))
			continue;
		char c = p[i];
		p[i] = '\0';
		err = mkdir_one(p);
		p[i] = c;
	}
	free(p);
	return err;
}

/* The directory part of path ("." when there is none). */
static const char *dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

const char *outfile_error(int err)
{
	if (err == OUTFILE_NOT_REGULAR)
		return "not a regular file (a device, a pipe, a directory): ivrc replaces only "
		       "regular files; write to standard output with '-'";
	return strerror(err);
}

/* The file that writing path replaces: path itself, or what its symlinks
 * lead to (a dangling one: the file it names, made). *st is the file's
 * when *exists. Returns 0 or an error. */
static int target_of(struct arena *a, const char *path, const char **out, struct stat *st,
		     bool *exists)
{
	*out = path;
	*exists = stat(path, st) == 0;
	if (*exists) {
		if (!S_ISREG(st->st_mode))
			return OUTFILE_NOT_REGULAR;
		char *real = realpath(path, NULL);
		if (!real)
			return errno;
		*out = arena_strdup(a, real);
		free(real);
		return 0;
	}
	if (errno != ENOENT)
		return errno;
	struct stat lst;
	for (int hops = 0; lstat(*out, &lst) == 0 && S_ISLNK(lst.st_mode); hops++) {
		char to[PATH_MAX];
		ssize_t n = readlink(*out, to, sizeof to - 1);
		if (hops == OUTFILE_LINKS || n < 0)
			return hops == OUTFILE_LINKS ? ELOOP : errno;
		to[n] = '\0';
		const char *slash = strrchr(*out, '/');
		*out = to[0] == '/' || !slash ? arena_strdup(a, to)
			: arena_printf(a, "%.*s%s", (int)(slash - *out + 1), *out, to);
	}
	return 0;
}

/* Creates "DIR/.BASE.tmp-PID-N" exclusively; *tmp gets its name. */
static int open_temp(struct arena *a, const char *path, const char **tmp)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	for (int i = 0; i < OUTFILE_TRIES; i++) {
		*tmp = arena_printf(a, "%.*s.%s.tmp-%ld-%d", dirlen, path, base,
				    (long)getpid(), i);
		int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

void outfile_set_init(struct outfile_set *s, struct arena *a)
{
	memset(s, 0, sizeof *s);
	s->arena = a;
	s->new_mode = 0666;
}

/* The replacement gets the mode of the file it replaces, and as root its
 * owner too (fmt -w on another user's file); a new file s->new_mode less
 * the umask (as open gives it). */
static int keep_mode(const struct outfile_set *s, int fd, const struct stat *st, bool exists)
{
	if (!exists) {
		mode_t mask = umask(0);
		umask(mask);
		return fchmod(fd, (mode_t)s->new_mode & ~mask) == 0 ? 0 : errno;
	}
	if (geteuid() == 0 && fchown(fd, st->st_uid, st->st_gid) != 0)
		return errno;
	return fchmod(fd, st->st_mode & 07777) == 0 ? 0 : errno;
}

int outfile_set_stage(struct outfile_set *s, const char *path, const void *data, size_t len)
{
	const char *tmp = NULL, *target;
	struct stat st;
	bool exists;
	int err = target_of(s->arena, path, &target, &st, &exists);
	if (err) {
		s->failed = path;
		return err;
	}
	int fd = open_temp(s->arena, target, &tmp);
	if (fd < 0) {
		s->failed = path;
		return errno;
	}
	err = keep_mode(s, fd, &st, exists);
	if (!err)
		err = write_all(fd, data, len);
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err) {
		unlink(tmp);
		s->failed = path;
		return err;
	}
	struct outfile_staged it = {target, tmp};
	ARENA_PUSH(s->arena, s->items, s->n, s->cap, it);
	return 0;
}

void outfile_set_abort(struct outfile_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		unlink(s->items[i].tmp);
	s->n = 0;
}

/* Makes the renames durable; a directory that cannot be synced is no error. */
static void sync_dir(struct arena *a, const char *path)
{
	int fd = open(dir_of(a, path), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

int outfile_set_commit(struct outfile_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (rename(s->items[i].tmp, s->items[i].path) == 0)
			continue;
		int err = errno;
		s->failed = s->items[i].path;
		for (size_t j = i; j < s->n; j++)
			unlink(s->items[j].tmp);
		s->n = 0;
		return err;
	}
	for (size_t i = 0; i < s->n; i++)
		if (i == 0 || strcmp(dir_of(s->arena, s->items[i].path),
				     dir_of(s->arena, s->items[i - 1].path)) != 0)
			sync_dir(s->arena, s->items[i].path);
	s->n = 0;
	return 0;
}

int outfile_write_atomic(const char *path, const void *data, size_t len, unsigned new_mode)
{
	struct arena a;
	struct outfile_set s;
	arena_init(&a);
	outfile_set_init(&s, &a);
	s.new_mode = new_mode;
	int err = outfile_set_stage(&s, path, data, len);
	if (!err)
		err = outfile_set_commit(&s);
	arena_free(&a);
	return err;
}
