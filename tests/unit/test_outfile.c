/* Unit test for outfile.c: mkdir -p, atomic replace, a staged set that is
 * committed or abandoned, and that no temporary file is ever left behind.
 * Works in a fresh directory under $TMPDIR (or /tmp). Prints one PASS/FAIL
 * line per check; exits 1 if any check failed. */
#include "compiler/arena.h"
#include "compiler/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static char *path(const char *dir, const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The whole file, or NULL. */
static char *slurp(const char *p)
{
	static char buf[256];
	FILE *f = fopen(p, "rb");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* Entries of dir whose name holds ".tmp-". */
static int temps_in(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strstr(e->d_name, ".tmp-") != NULL;
	closedir(d);
	return n;
}

static void test_mkdir(const char *root)
{
	check(outfile_mkdir_p(path(root, "a/b/c")) == 0 && is_dir(path(root, "a/b/c")),
	      "mkdir -p makes the missing parents", "not made");
	check(outfile_mkdir_p(path(root, "a/b/c/")) == 0, "mkdir -p of an existing dir is fine",
	      "error");
	check(outfile_mkdir_p(path(root, "a//b2")) == 0 && is_dir(path(root, "a/b2")),
	      "mkdir -p takes doubled slashes", "not made");
	check(outfile_write_atomic(path(root, "file"), "x", 1, 0666) == 0, "a plain file", "error");
	check(outfile_mkdir_p(path(root, "file")) == ENOTDIR, "mkdir -p on a file is ENOTDIR",
	      "other result");
	check(outfile_mkdir_p(path(root, "file/sub")) == ENOTDIR,
	      "mkdir -p below a file is ENOTDIR", "other result");
}

static void test_atomic(const char *root)
{
	const char *p = path(root, "out.json");
	char *got;
	check(outfile_write_atomic(p, "one\n", 4, 0666) == 0 && (got = slurp(p)) &&
	      strcmp(got, "one\n") == 0, "write_atomic creates the file", "wrong contents");
	check(outfile_write_atomic(p, "two\n", 4, 0666) == 0 && (got = slurp(p)) &&
	      strcmp(got, "two\n") == 0, "write_atomic replaces the file", "wrong contents");
	check(outfile_write_atomic(path(root, "none/x.json"), "y", 1, 0666) == ENOENT,
	      "write_atomic into a missing directory is ENOENT", "other result");
	check(outfile_write_atomic(path(root, "a"), "y", 1, 0666) != 0 && is_dir(path(root, "a")),
	      "write_atomic over a directory fails and leaves it", "replaced");
	check(temps_in(root) == 0, "write_atomic leaves no temporary file", "one left");
}

static unsigned mode_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 0;
}

/* Replaced the way editors do it: the mode kept, a symlink written
 * through, only regular files replaced. */
static void test_replace(const char *root)
{
	const char *p = path(root, "private.json");
	mode_t mask = umask(022);
	check(outfile_write_atomic(p, "1", 1, 0600) == 0 && mode_of(p) == 0600,
	      "a new file gets the mode asked (0600)", "other mode");
	chmod(p, 0640);
	check(outfile_write_atomic(p, "2", 1, 0666) == 0 && mode_of(p) == 0640,
	      "a replaced file keeps its mode", "other mode");
	check(outfile_write_atomic(path(root, "public.json"), "1", 1, 0666) == 0 &&
	      mode_of(path(root, "public.json")) == 0644, "a new file: 0666 less the umask",
	      "other mode");
	umask(mask);
	const char *link = path(root, "link.json");
	check(symlink("private.json", link) == 0 && outfile_write_atomic(link, "3", 1, 0666) == 0,
	      "write through a symlink", "error");
	struct stat st;
	check(lstat(link, &st) == 0 && S_ISLNK(st.st_mode) && strcmp(slurp(p), "3") == 0,
	      "the symlink stays, its target is replaced", "replaced the link");
	const char *dangling = path(root, "dangling.json");
	check(symlink("made.json", dangling) == 0 &&
	      outfile_write_atomic(dangling, "4", 1, 0666) == 0 &&
	      slurp(path(root, "made.json")) && strcmp(slurp(path(root, "made.json")), "4") == 0,
	      "a dangling symlink: the file it names is made", "not made");
	check(outfile_write_atomic("/dev/null", "5", 1, 0666) == OUTFILE_NOT_REGULAR,
	      "a device is not replaced", "replaced");
	check(outfile_write_atomic(path(root, "a"), "6", 1, 0666) == OUTFILE_NOT_REGULAR,
	      "a directory is not replaced", "other result");
	check(strstr(outfile_error(OUTFILE_NOT_REGULAR), "regular") != NULL,
	      "outfile_error says why", outfile_error(OUTFILE_NOT_REGULAR));
	check(temps_in(root) == 0, "no temporary file left", "one left");
}

static void test_set(const char *root)
{
	struct arena a;
	struct outfile_set s;
	arena_init(&a);
	outfile_set_init(&s, &a);
	const char *p1 = path(root, "set1.json"), *p2 = path(root, "a/set2.json");
	int err = outfile_set_stage(&s, p1, "1", 1);
	err = err ? err : outfile_set_stage(&s, p2, "2", 1);
	check(err == 0 && access(p1, F_OK) != 0 && access(p2, F_OK) != 0,
	      "staged files are not in place yet", "in place");
	outfile_set_abort(&s);
	check(access(p1, F_OK) != 0 && temps_in(root) == 0 && temps_in(path(root, "a")) == 0,
	      "abort leaves nothing", "something left");
	outfile_set_init(&s, &a);
	err = outfile_set_stage(&s, p1, "1", 1);
	err = err ? err : outfile_set_stage(&s, p2, "2", 1);
	err = err ? err : outfile_set_commit(&s);
	check(err == 0 && slurp(p1) && strcmp(slurp(p1), "1") == 0 && slurp(p2) &&
	      strcmp(slurp(p2), "2") == 0, "commit puts every file in place", "missing");
	outfile_set_init(&s, &a);
	err = outfile_set_stage(&s, p1, "3", 1);
	int bad = outfile_set_stage(&s, path(root, "none/x"), "4", 1);
	check(err == 0 && bad == ENOENT && s.failed && strstr(s.failed, "none/x"),
	      "a failed stage names its path", "no path");
	outfile_set_abort(&s);
	check(strcmp(slurp(p1), "1") == 0 && temps_in(root) == 0,
	      "after a failed stage the old file stays", "changed");
	arena_free(&a);
}

/* rm -r of the test directory, shallow enough for what the tests make. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char sub[1024];
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if (is_dir(sub))
			remove_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(dir);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char root[256];
	snprintf(root, sizeof root, "%s/ivrc-outfile-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		printf("FAIL outfile: cannot make a test directory: %s\n", strerror(errno));
		return 1;
	}
	test_mkdir(root);
	test_atomic(root);
	test_set(root);
	test_replace(root);
	remove_tree(root);
	return failures ? 1 : 0;
}
