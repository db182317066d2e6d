#!/bin/sh
# mkdeb.sh STAGE VERSION OUT - the Debian package from a tree staged with
# `make install DESTDIR=STAGE PREFIX=/usr` (the Makefile's `deb` target):
# adds the configuration, the systemd units, the documentation and the
# maintainer scripts from packaging/, works out Depends from the
# libraries the binary links (dpkg -S), and builds OUT with dpkg-deb as
# root:root.
set -eu
stage=$1
version=$2
out=$3
top=$(cd "$(dirname "$0")/.." && pwd)
# who answers for the package: set DEB_MAINTAINER for the court's own
maint=${DEB_MAINTAINER:-tiaojie maintainers <tiaojie@example.org>}
pk=$top/packaging

install -d "$stage/DEBIAN" "$stage/etc/tiaojie" "$stage/etc/default" "$stage/lib/systemd/system" \
	"$stage/usr/share/doc/tiaojie/examples"
install -m 644 "$pk/tiaojie.conf" "$stage/etc/tiaojie/tiaojie.conf"
install -m 644 "$pk/tiaojie-backup.default" "$stage/etc/default/tiaojie-backup"
install -m 644 "$pk/tiaojie-backup.service" "$pk/tiaojie-backup.timer" "$stage/lib/systemd/system/"
install -m 644 "$pk/sshd-tiaojie.conf" "$stage/usr/share/doc/tiaojie/examples/"
install -m 644 "$top/README.md" "$stage/usr/share/doc/tiaojie/README.md"
gzip -9nf "$stage/usr/share/doc/tiaojie/README.md"
cat >"$stage/usr/share/doc/tiaojie/copyright" <<EOT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: tiaojie
Comment: The court's own software; see README.md.gz.

Files: *
Copyright: 2026 the tiaojie authors
License: other
 Terms as agreed with the court that commissioned it.
EOT
printf 'tiaojie (%s) stable; urgency=medium\n\n  * Package built from the source tree.\n\n -- %s  %s\n' \
	"$version" "$maint" "$(date -R)" | gzip -9n >"$stage/usr/share/doc/tiaojie/changelog.gz"
# the installed binary without its debugging sections
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/tiaojie"
# man pages compressed, as Debian has them
find "$stage/usr/share/man" -type f ! -name '*.gz' -exec gzip -9nf {} +
install -m 755 "$pk/debian/postinst" "$pk/debian/prerm" "$pk/debian/postrm" "$stage/DEBIAN/"
install -m 644 "$pk/debian/conffiles" "$stage/DEBIAN/conffiles"

# Depends: the package of every library the binary names itself (NEEDED)
needed=$(readelf -d "$stage/usr/bin/tiaojie" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
deps=$(for n in $needed; do
	lib=$(ldd "$stage/usr/bin/tiaojie" | awk -v n="$n" '$1 == n { print $3 }')
	[ -n "$lib" ] || { echo "mkdeb: $n not found" >&2; exit 1; }
	dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")"
done | cut -d: -f1 | sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g')
[ -n "$deps" ] || { echo "mkdeb: no libraries found" >&2; exit 1; }
arch=$(dpkg --print-architecture)
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<EOT
Package: tiaojie
Version: $version
Architecture: $arch
Maintainer: $maint
Installed-Size: $size
Depends: $deps, adduser, fonts-noto-cjk
Recommends: cups-client, openssh-server
Section: misc
Priority: optional
Description: counter-desk system of a labour dispute arbitration court
 Applications taken at the window, claims classified into the causes,
 worker, employer and case archives in one SQLite file and every step of
 every case in an append-only event log: a full-screen ncurses program for
 clerks and mediators over SSH and a command line for administrators.
EOT
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\n' | sort | xargs md5sum) >"$stage/DEBIAN/md5sums"
chmod 644 "$stage/DEBIAN/md5sums" "$stage/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
echo "$out"
