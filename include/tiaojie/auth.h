/*
 * auth.h - accounts: password hashing (libxcrypt, yescrypt only), password
 * rules, login with lockout, and the account commands' core.
 */
#ifndef TIAOJIE_AUTH_H
#define TIAOJIE_AUTH_H

#include "tiaojie/config.h"
#include "tiaojie/db.h"

/* A new yescrypt hash ("$y$...") of password, malloc'd; NULL with the error
 * set when libxcrypt fails. */
char *auth_hash(const char *password);
/* 1 the password matches, 0 it does not, -1 the stored hash is not a
 * yescrypt hash (refused, error set). */
int auth_verify(const char *password, const char *hash);
/* Password rules: min_len characters (not bytes), valid UTF-8, no control
 * characters, at most 128 bytes.  0 ok, -1 with *reason. */
int auth_password_check(const char *password, int min_len, const char **reason);
/* Login names: 1-32 of [a-z0-9._-], starting with a letter. */
int auth_login_check(const char *login, const char **reason);

/* Log in: 0 and *out filled when the password is right and the account is
 * usable; -1 otherwise, with one answer for every refusal (wrong password,
 * unknown, locked or disabled account: "账号或密码错误（…）"), so that it
 * tells nothing about which accounts exist.  Each attempt is counted before
 * the password is checked, in a write transaction, so parallel attempts
 * cannot pass the lockout: after cfg->lockout_failures attempts in a row
 * without a success the account is locked and further attempts are
 * refused unchecked.  Every failure and lockout is written to the event
 * log.  On a read-only database the password is checked and nothing is
 * counted or written (the answer says so). */
int auth_login(struct db *db, const struct config *cfg, const char *login, const char *password,
	       struct user_rec *out);

/* Create an account (role keyword, display name defaults to the login).
 * Writes the user and its event in one transaction.  actor_id 0: the
 * system (init, demo, command line run by the server's administrator). */
int auth_user_add(struct db *db, const struct config *cfg, int64_t actor_id, const char *login,
		  const char *display_name, const char *role, const char *password, int64_t mediator_id);
int auth_user_passwd(struct db *db, const struct config *cfg, int64_t actor_id, const char *login,
		     const char *password);
/* Clear the failure count and the lock of an account (admin). */
int auth_user_unlock(struct db *db, int64_t actor_id, const char *login);
/* Disable (disable=1) or enable an account.  The last active admin cannot
 * be disabled. */
int auth_user_disable(struct db *db, int64_t actor_id, const char *login, int disable);

#endif
