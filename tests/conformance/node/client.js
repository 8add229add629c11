'use strict';
// Conformance client: Node mysql2. plan.sql goes through query() (text protocol, multi-statements
// on); prepared.json goes through execute(), i.e. server-side prepared statements (COM_STMT_PREPARE
// / COM_STMT_EXECUTE, binary rows). mysql2 has no COM_STMT_SEND_LONG_DATA: the 20 MiB parameter
// travels inside one COM_STMT_EXECUTE of more than 16 MiB, split into several packets.
// Usage: node client.js HOST PORT DB OUT
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const mysql = require('mysql2');

const ROOT = path.join(__dirname, '..');
const LARGE = 1024; // longer values are written as length + sha256

function planChunks(db) {
  const chunks = [];
  let current = [];
  for (const line of fs.readFileSync(path.join(ROOT, 'plan.sql'), 'utf8').split('\n')) {
    if (line.trim() === '//') {
      const text = current.join('\n').trim();
      if (text) chunks.push(text.replaceAll('{db}', db));
      current = [];
    } else if (!line.startsWith('--') && !line.startsWith('DELIMITER')) {
      current.push(line);
    }
  }
  return chunks;
}

function pattern(size) {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = i % 251;
  return b;
}

// prepared.json parameters as the values mysql2 binds: integers as BigInt (LONGLONG), decimals,
// dates and times as strings, bytes as Buffer (BLOB).
function nativeParam(p) {
  switch (p.type) {
    case 'int': return BigInt(p.value);
    case 'uint': return mysql.TypedParameter.LONGLONG.unsigned(BigInt(p.value));
    case 'double': return p.value;
    case 'bytes': return Buffer.from(p.value, 'hex');
    case 'null': return null;
    case 'pattern': return pattern(p.size);
    default: return p.value; // decimal, string, date, datetime, time
  }
}

function sha256(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

function render(v) {
  if (v === null) return 'null';
  if (Buffer.isBuffer(v)) {
    if (v.length > LARGE) return `Buffer[len=${v.length} sha256=${sha256(v)}]`;
    return `Buffer(${v.toString('hex')})`;
  }
  if (typeof v === 'string') {
    if (v.length > LARGE) return `string[len=${v.length} sha256=${sha256(Buffer.from(v))}]`;
    return JSON.stringify(v);
  }
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return `number(${Object.is(v, -0) ? '-0' : String(v)})`;
  if (v instanceof Date) return `Date(${v.toISOString()})`;
  return `${typeof v}(${JSON.stringify(v)})`;
}

class Dump {
  constructor(file) {
    this.lines = [];
    this.file = file;
    this.statements = this.resultsets = this.errors = this.extras = 0;
    this.inExtras = false;
  }
  statement(sql) {
    const first = sql.split('\n')[0].slice(0, 120);
    if (this.inExtras) this.write(`== extra ${++this.extras}: ${first}`);
    else this.write(`== stmt ${++this.statements}: ${first}`);
  }
  write(line) { this.lines.push(line); }
  close() {
    this.write(`summary statements=${this.statements} resultsets=${this.resultsets} ` +
      `errors=${this.errors} extras=${this.extras}`);
    fs.writeFileSync(this.file, this.lines.join('\n') + '\n');
  }
}

const FIELD_KEYS = ['name', 'orgName', 'table', 'orgTable', 'schema', 'characterSet', 'columnLength',
  'columnType', 'type', 'flags', 'decimals'];

// Runs one command (query or execute) through mysql2's event interface, which reports every
// result of a multi-result response in order: 'fields' opens a result set, 'result' is a row
// (an array, rowsAsArray) or an OK packet (ResultSetHeader).
function run(conn, dump, method, sql, params) {
  dump.statement(sql);
  return new Promise((resolve) => {
    const cmd = conn[method]({ sql, rowsAsArray: true }, params);
    let rows = 0;
    const endSet = () => { if (rows >= 0) dump.write(`end rows=${rows}`); rows = -1; };
    rows = -1;
    cmd.on('fields', (fields) => {
      if (!fields) return; // the OK packet of a non-result statement follows as 'result'
      endSet();
      dump.resultsets++;
      dump.write(`resultset columns=${fields.length}`);
      for (const f of fields) {
        dump.write('  column ' + FIELD_KEYS.map((k) => `${k}=${JSON.stringify(f[k])}`).join(' '));
      }
      rows = 0;
    });
    cmd.on('result', (r) => {
      if (Array.isArray(r)) {
        rows++;
        dump.write('  row ' + r.map(render).join(' | '));
        return;
      }
      endSet();
      dump.write(`ok affected=${r.affectedRows} insert_id=${r.insertId} warnings=${r.warningStatus} ` +
        `status=${r.serverStatus} info=${JSON.stringify(r.info)}`);
    });
    cmd.on('error', (e) => {
      endSet();
      dump.errors++;
      dump.write(`error errno=${e.errno} sqlstate=${e.sqlState} message=${e.sqlMessage || e.message}`);
      resolve();
    });
    cmd.on('end', () => { endSet(); resolve(); });
  });
}

async function main() {
  const [host, port, db, out] = process.argv.slice(2);
  if (!out) throw new Error('usage: node client.js HOST PORT DB OUT');
  const conn = mysql.createConnection({
    host, port: Number(port), user: 'app', password: 'app', charset: 'UTF8MB4_GENERAL_CI',
    multipleStatements: true, supportBigNumbers: true, bigNumberStrings: true,
    dateStrings: true, // exact server text instead of lossy JS Dates
    timezone: 'Z',
  });
  await new Promise((resolve, reject) => conn.connect((e) => (e ? reject(e) : resolve())));
  const dump = new Dump(out);
  // What the handshake told the client. CLIENT_SSL (0x800) depends on whether the proxy was
  // given a certificate; CLIENT_COMPRESS (0x20) is one the proxy masks by design (it relays no
  // compressed protocol), so both are left out of the comparison.
  const caps = (conn.serverCapabilityFlags & ~0x820) >>> 0;
  dump.write(`handshake mariadb=${conn._isMariaDB} encoding=${conn.serverEncoding} ` +
    `capabilities=0x${caps.toString(16)}`);
  for (const sql of planChunks(db)) await run(conn, dump, 'query', sql);
  const cases = JSON.parse(fs.readFileSync(path.join(ROOT, 'prepared.json'), 'utf8')).cases;
  for (const c of cases) {
    await run(conn, dump, 'execute', c.sql.replaceAll('{db}', db), c.params.map(nativeParam));
  }
  // COM_PING, COM_CHANGE_USER and COM_RESET_CONNECTION, which mysql2 exposes directly
  dump.inExtras = true;
  dump.statement('COM_PING');
  await new Promise((resolve, reject) => conn.ping((e) => (e ? reject(e) : resolve())));
  dump.write('ping ok');
  dump.statement(`COM_CHANGE_USER app -> ${db}_other`);
  await new Promise((resolve, reject) =>
    conn.changeUser({ user: 'app', password: 'app', database: `${db}_other` },
      (e) => (e ? reject(e) : resolve())));
  await run(conn, dump, 'query', `SELECT CURRENT_USER() AS u, DATABASE() = '${db}_other' AS in_other`);
  dump.statement('COM_RESET_CONNECTION');
  await new Promise((resolve, reject) => conn.reset((e) => (e ? reject(e) : resolve())));
  await run(conn, dump, 'query', 'SELECT @@time_zone AS tz_after_reset, @@autocommit AS ac');
  dump.close();
  conn.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
