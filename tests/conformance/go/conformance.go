// Conformance client: Go database/sql with go-sql-driver/mysql (Debian package, GOPATH mode).
//
// plan.sql runs on one pinned connection through the text protocol (multiStatements=true);
// prepared.json runs through server-side prepared statements (interpolateParams=false). With the
// driver's default 4 MiB maxAllowedPacket, the 3 MiB and 20 MiB parameters are sent with
// COM_STMT_SEND_LONG_DATA. database/sql separates Exec (affected rows, insert id) from Query (rows),
// so the statement's first keyword picks one; warnings and SQLSTATE are not exposed by this
// driver version and are not in the dump.
//
// Usage: go run conformance.go HOST PORT DB OUT
package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
)

const large = 1024 // longer values are written as length + sha256

type param struct {
	Type  string      `json:"type"`
	Value interface{} `json:"value"`
	Size  int         `json:"size"`
}

type preparedCase struct {
	SQL    string  `json:"sql"`
	Params []param `json:"params"`
}

type dump struct {
	b                                      strings.Builder
	statements, resultsets, errors, extras int
	skipped                                int
	inExtras                               bool
}

func (d *dump) line(format string, a ...interface{}) { fmt.Fprintf(&d.b, format+"\n", a...) }

func (d *dump) statement(sql string) {
	first := strings.SplitN(sql, "\n", 2)[0]
	if r := []rune(first); len(r) > 120 {
		first = string(r[:120])
	}
	if d.inExtras {
		d.extras++
		d.line("== extra %d: %s", d.extras, first)
	} else {
		d.statements++
		d.line("== stmt %d: %s", d.statements, first)
	}
}

func (d *dump) fail(err error) {
	d.errors++
	if me, ok := err.(*mysql.MySQLError); ok {
		d.line("error errno=%d sqlstate=- message=%s", me.Number, me.Message)
	} else {
		d.line("error errno=- sqlstate=- message=%s", err.Error())
	}
}

func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

type chunk struct {
	text string
	skip string // why this client skips the chunk ("skip-for: go" in plan.sql), or ""
}

func planChunks(db string) []chunk {
	data, err := os.ReadFile(filepath.Join(root(), "plan.sql"))
	check(err)
	var chunks []chunk
	var current []string
	skip := ""
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.TrimSpace(line) == "//":
			if text := strings.TrimSpace(strings.Join(current, "\n")); text != "" {
				chunks = append(chunks, chunk{strings.ReplaceAll(text, "{db}", db), skip})
			}
			current, skip = nil, ""
		case strings.HasPrefix(line, "-- skip-for: go "):
			skip = strings.TrimPrefix(line, "-- skip-for: go ")
		case strings.HasPrefix(line, "--"), strings.HasPrefix(line, "DELIMITER"):
		default:
			current = append(current, line)
		}
	}
	return chunks
}

func pattern(size int) []byte {
	b := make([]byte, size)
	for i := range b {
		b[i] = byte(i % 251)
	}
	return b
}

func nativeParam(p param) interface{} {
	s, _ := p.Value.(string)
	switch p.Type {
	case "int":
		v, err := strconv.ParseInt(s, 10, 64)
		check(err)
		return v
	case "uint":
		v, err := strconv.ParseUint(s, 10, 64)
		check(err)
		return v
	case "double":
		return p.Value.(float64)
	case "bytes":
		b := make([]byte, len(s)/2)
		for i := range b {
			v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
			check(err)
			b[i] = byte(v)
		}
		return b
	case "null":
		return nil
	case "date":
		t, err := time.Parse("2006-01-02", s)
		check(err)
		return t
	case "datetime":
		t, err := time.Parse("2006-01-02 15:04:05.999999", s)
		check(err)
		return t
	case "pattern":
		return pattern(p.Size)
	}
	return s // decimal, string, time
}

func render(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		if len(x) > large {
			return fmt.Sprintf("[]byte[len=%d sha256=%x]", len(x), sha256.Sum256(x))
		}
		return "[]byte" + strconv.Quote(string(x))
	case float32:
		return "float32(" + strconv.FormatFloat(float64(x), 'g', -1, 32) + ")"
	case float64:
		return "float64(" + strconv.FormatFloat(x, 'g', -1, 64) + ")"
	case time.Time:
		return "time(" + x.Format(time.RFC3339Nano) + ")"
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// isQuery: statements that answer with rows go through Query, the others through Exec.
func isQuery(sql string) bool {
	word := strings.ToUpper(strings.Fields(sql)[0])
	switch word {
	case "SELECT", "SHOW", "CALL", "DESCRIBE", "EXPLAIN", "WITH":
		return true
	}
	return false
}

func dumpRows(d *dump, rows *sql.Rows) {
	defer rows.Close()
	for {
		types, err := rows.ColumnTypes()
		if err != nil {
			d.fail(err)
			return
		}
		if len(types) > 0 {
			d.resultsets++
			d.line("resultset columns=%d", len(types))
			for _, ct := range types {
				length, hasLength := ct.Length()
				prec, scale, hasDecimal := ct.DecimalSize()
				nullable, hasNullable := ct.Nullable()
				d.line("  column name=%q type=%s scan=%v length=%d/%v decimal=%d,%d/%v nullable=%v/%v",
					ct.Name(), ct.DatabaseTypeName(), ct.ScanType(), length, hasLength,
					prec, scale, hasDecimal, nullable, hasNullable)
			}
			n := 0
			for rows.Next() {
				values := make([]interface{}, len(types))
				ptrs := make([]interface{}, len(types))
				for i := range values {
					ptrs[i] = &values[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					d.fail(err)
					return
				}
				rendered := make([]string, len(values))
				for i, v := range values {
					rendered[i] = render(v)
				}
				d.line("  row %s", strings.Join(rendered, " | "))
				n++
			}
			d.line("end rows=%d", n)
		}
		if err := rows.Err(); err != nil {
			d.fail(err)
			return
		}
		if !rows.NextResultSet() {
			if err := rows.Err(); err != nil {
				d.fail(err)
			}
			return
		}
	}
}

func dumpResult(d *dump, res sql.Result, err error) {
	if err != nil {
		d.fail(err)
		return
	}
	affected, err1 := res.RowsAffected()
	id, err2 := res.LastInsertId()
	d.line("ok affected=%d insert_id=%d (%v %v)", affected, id, err1, err2)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
}

func runText(ctx context.Context, d *dump, c execer, sqlText string) {
	d.statement(sqlText)
	if isQuery(sqlText) {
		rows, err := c.QueryContext(ctx, sqlText)
		if err != nil {
			d.fail(err)
			return
		}
		dumpRows(d, rows)
		return
	}
	res, err := c.ExecContext(ctx, sqlText)
	dumpResult(d, res, err)
}

func runPrepared(ctx context.Context, d *dump, c *sql.Conn, pc preparedCase, db string) {
	sqlText := strings.ReplaceAll(pc.SQL, "{db}", db)
	d.statement(sqlText)
	stmt, err := c.PrepareContext(ctx, sqlText)
	if err != nil {
		d.fail(err)
		return
	}
	defer stmt.Close()
	args := make([]interface{}, len(pc.Params))
	for i, p := range pc.Params {
		args[i] = nativeParam(p)
	}
	if isQuery(sqlText) {
		rows, err := stmt.QueryContext(ctx, args...)
		if err != nil {
			d.fail(err)
			return
		}
		dumpRows(d, rows)
		return
	}
	res, err := stmt.ExecContext(ctx, args...)
	dumpResult(d, res, err)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance.go:", err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) != 5 {
		check(fmt.Errorf("usage: go run conformance.go HOST PORT DB OUT"))
	}
	host, port, db, out := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	dsn := fmt.Sprintf("app:app@tcp(%s:%s)/?multiStatements=true&interpolateParams=false"+
		"&charset=utf8mb4&collation=utf8mb4_general_ci&readTimeout=120s&writeTimeout=120s", host, port)
	pool, err := sql.Open("mysql", dsn)
	check(err)
	defer pool.Close()
	ctx := context.Background()
	conn, err := pool.Conn(ctx) // one session: USE, SET and transactions must stick
	check(err)
	defer conn.Close()

	d := &dump{}
	for _, c := range planChunks(db) {
		if c.skip != "" {
			d.statement(c.text)
			d.skipped++
			d.line("skipped %s", c.skip)
			continue
		}
		runText(ctx, d, conn, c.text)
	}
	data, err := os.ReadFile(filepath.Join(root(), "prepared.json"))
	check(err)
	var prepared struct {
		Cases []preparedCase `json:"cases"`
	}
	check(json.Unmarshal(data, &prepared))
	for _, pc := range prepared.Cases {
		runPrepared(ctx, d, conn, pc, db)
	}
	// COM_PING through database/sql
	d.inExtras = true
	d.statement("COM_PING")
	if err := conn.PingContext(ctx); err != nil {
		d.fail(err)
	} else {
		d.line("ping ok")
	}
	d.line("summary statements=%d resultsets=%d errors=%d extras=%d skipped=%d",
		d.statements, d.resultsets, d.errors, d.extras, d.skipped)
	check(os.WriteFile(out, []byte(d.b.String()), 0o644))
}
