#!/bin/sh
# Run a real WordPress on loopback for the website publisher's tests. Idempotent.
#
#   scripts/wordpress.sh            install if needed, start, print LOA_WP_* lines
#   scripts/wordpress.sh stop       stop the php -S server started by this script
#   eval "$(scripts/wordpress.sh)"  export LOA_WP_URL, LOA_WP_USER, LOA_WP_APP_PASSWORD
#
# Uses Debian's wordpress, php-cli and php-mysql packages (installed if missing, as
# root), MariaDB on 127.0.0.1:3306 (root over the unix socket), and `php -S` with a
# router script so pretty permalinks (/wp-json/...) work. WP_ENVIRONMENT_TYPE=local
# makes application passwords work over plain http on loopback. No wp-cli: Debian
# does not package it, so WordPress is installed through its own wp_install().
# Progress goes to stderr; only the LOA_WP_* lines go to stdout.
set -eu

PORT="${LOA_WP_PORT:-8089}"
HOST="127.0.0.1"
STATE="${LOA_WP_STATE:-/var/lib/loa-wordpress}"
DB="${LOA_WP_DB:-loa_wp_test}"
DBUSER="loa_wp"
DBPASS="loa-wp-test-only"
WP=/usr/share/wordpress
CONFIG="/etc/wordpress/config-$HOST.php"
URL="http://$HOST:$PORT"

say() { echo "wordpress.sh: $*" >&2; }

if [ "${1:-}" = "stop" ]; then
    if [ -f "$STATE/php.pid" ]; then
        kill "$(cat "$STATE/php.pid")" 2>/dev/null || true
        rm -f "$STATE/php.pid"
    fi
    exit 0
fi

if ! [ -f "$WP/wp-load.php" ] || ! command -v php >/dev/null || ! php -m | grep -qi mysqli; then
    [ "$(id -u)" = 0 ] || { say "need root to install wordpress php-cli php-mysql"; exit 1; }
    say "installing Debian packages (wordpress php-cli php-mysql)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        wordpress php-cli php-mysql >&2
fi

if ! mysqladmin -h 127.0.0.1 -u root status >/dev/null 2>&1 && ! mysqladmin -u root status >/dev/null 2>&1; then
    say "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >&2
    for _ in 1 2 3 4 5 6 7 8 9 10; do mysqladmin -u root status >/dev/null 2>&1 && break; sleep 1; done
fi

mysql -u root >&2 <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DBUSER'@'127.0.0.1' IDENTIFIED BY '$DBPASS';
CREATE USER IF NOT EXISTS '$DBUSER'@'localhost' IDENTIFIED BY '$DBPASS';
GRANT ALL ON \`$DB\`.* TO '$DBUSER'@'127.0.0.1';
GRANT ALL ON \`$DB\`.* TO '$DBUSER'@'localhost';
SQL

mkdir -p "$STATE" /var/lib/wordpress/wp-content/uploads
# one run at a time: concurrent test sessions share this WordPress
exec 9>"$STATE/lock"
flock 9
cat > "$CONFIG" <<PHP
<?php
// Written by Loa's scripts/wordpress.sh: a throwaway WordPress for tests on loopback.
define('DB_NAME', '$DB');
define('DB_USER', '$DBUSER');
define('DB_PASSWORD', '$DBPASS');
define('DB_HOST', '127.0.0.1');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '$URL');
define('WP_SITEURL', '$URL');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WP_CONTENT_URL', '$URL/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('AUTH_KEY', 'loa-test-1'); define('SECURE_AUTH_KEY', 'loa-test-2');
define('LOGGED_IN_KEY', 'loa-test-3'); define('NONCE_KEY', 'loa-test-4');
define('AUTH_SALT', 'loa-test-5'); define('SECURE_AUTH_SALT', 'loa-test-6');
define('LOGGED_IN_SALT', 'loa-test-7'); define('NONCE_SALT', 'loa-test-8');
\$table_prefix = 'wp_';
PHP
chmod 640 "$CONFIG"

cat > "$STATE/router.php" <<'PHP'
<?php
// php -S router: static files as is, uploads from WP_CONTENT_DIR, everything else to
// index.php so that pretty permalinks (/wp-json/...) reach WordPress.
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/');
if (str_starts_with($path, '/wp-content/') && !str_contains($path, '..')) {
    $file = '/var/lib/wordpress' . $path;
    if (is_file($file)) {
        header('Content-Type: ' . (mime_content_type($file) ?: 'application/octet-stream'));
        readfile($file);
        return true;
    }
}
if ($path !== '/' && is_file($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
PHP

cat > "$STATE/install.php" <<'PHP'
<?php
// Install WordPress core through its own installer, set pretty permalinks, and print a
// application password for the test user. Usage: php install.php HOST:PORT CREDENTIAL_FILE
$_SERVER['HTTP_HOST'] = $argv[1];
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (!is_blog_installed()) {
    wp_install('Phường Kiến An (thử nghiệm)', 'loa', 'loa@example.invalid', false, '',
               wp_generate_password(24));
}
update_option('permalink_structure', '/%postname%/');
global $wp_rewrite;
$wp_rewrite->init();
$wp_rewrite->flush_rules(false);
$user = get_user_by('login', 'loa');
// Reuse the stored application password while WordPress still has it, so concurrent
// test sessions sharing this WordPress never invalidate each other's password.
$stored = @file_get_contents($argv[2]);
if ($stored !== false) {
    [$uuid, $password] = explode(' ', trim($stored), 2) + ['', ''];
    foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
        if ($item['uuid'] === $uuid && $password !== '') { echo $password, "\n"; exit(0); }
    }
}
foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
    if ($item['name'] === 'loa-tests') {  // names are unique: drop the forgotten one
        WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
    }
}
$created = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'loa-tests']);
if (is_wp_error($created)) { fwrite(STDERR, $created->get_error_message() . "\n"); exit(1); }
file_put_contents($argv[2], $created[1]['uuid'] . ' ' . $created[0] . "\n");
chmod($argv[2], 0600);
echo $created[0], "\n";
PHP

say "installing WordPress core into database $DB (no-op when already installed)"
APP_PASSWORD="$(php -d display_errors=stderr -d error_reporting=E_ERROR "$STATE/install.php" \
    "$HOST:$PORT" "$STATE/app-password" 2>/dev/null | tail -n 1)"
[ -n "$APP_PASSWORD" ] || { say "could not create an application password"; exit 1; }

if ! [ -f "$STATE/php.pid" ] || ! kill -0 "$(cat "$STATE/php.pid")" 2>/dev/null; then
    say "starting php -S $HOST:$PORT"
    PHP_CLI_SERVER_WORKERS=4 nohup php -d display_errors=0 -d log_errors=1 \
        -d error_log="$STATE/php-error.log" -d post_max_size=64M -d upload_max_filesize=64M \
        -d memory_limit=256M -S "$HOST:$PORT" -t "$WP" "$STATE/router.php" \
        >"$STATE/php-server.log" 2>&1 9>&- &  # the server must not inherit the lock
    echo $! >"$STATE/php.pid"
fi
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    if php -r "exit(@file_get_contents('$URL/wp-json/') === false ? 1 : 0);" 2>/dev/null; then
        echo "LOA_WP_URL=$URL"
        echo "LOA_WP_USER=loa"
        echo "LOA_WP_APP_PASSWORD='$APP_PASSWORD'"
        exit 0
    fi
    sleep 0.5
done
say "WordPress did not answer on $URL (see $STATE/php-server.log)"
exit 1
