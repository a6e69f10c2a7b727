"""A table lock held in a psql session, for scripts/browser_test.py: it keeps a real run in its running state."""
import subprocess


class TableLock:
    """ACCESS EXCLUSIVE on one sample table, held in a psql session: step 1's sample of that table waits, so a real
    run stays in its running state long enough for the page to be looked at. The same session tells how long the
    worker's statement has been waiting, so the lock goes before the sample's statement_timeout would fire."""

    def __init__(self, admin_url, table):
        # The URL is a socket connection without password (scripts/test.sh), so argv may carry it.
        self.proc = subprocess.Popen(
            ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", admin_url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.held = self.ask(f"BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE; SELECT 'locked';") == "locked"
        if not self.held:
            self.release()

    def ask(self, sql):
        """Runs statements whose last one prints one line; returns that line ('' when psql has gone)."""
        try:
            self.proc.stdin.write(sql + "\n")
            self.proc.stdin.flush()
            return self.proc.stdout.readline().strip()
        except OSError:
            return ""

    def waited_seconds(self):
        """How long the longest lock wait in the sample database has lasted (0 when nothing waits)."""
        answer = self.ask("SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start)), 0)"
                          " FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database();")
        try:
            return float(answer)
        except ValueError:
            return float("inf")

    def release(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("COMMIT;\n")
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
