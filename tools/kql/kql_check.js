#!/usr/bin/env node
/*
 * kql_check.js - KQL (Kusto Query Language) syntax checker built on Microsoft's
 * Kusto.Language parser (npm: @kusto/language-service-next, a Bridge.NET build of
 * the C# Kusto.Language library).
 *
 * Usage:
 *   node kql_check.js [options] PATH... (a PATH may be a file, a directory or "-" for stdin)
 *
 * Options:
 *   --schema FILE              also run semantic analysis against the schema in FILE (JSON, see NOTES.md)
 *   --blocks                   split each file into blank-line-separated blocks, as Kusto Explorer /
 *                              the ADX web UI do, and check every block on its own
 *   --allow-unknown-commands   don't report control commands the parser has no grammar for
 *   --json                     print one JSON object per diagnostic instead of text lines
 *   -h, --help
 *
 * Faster start-up (optional): build a V8 startup snapshot once per Node.js version, then run
 *   node --snapshot-blob kql_check.blob --build-snapshot kql_check.js
 *   node --snapshot-blob kql_check.blob [options] PATH...
 *
 * Output: PATH:LINE:COL: error: MESSAGE [CODE]   (LINE and COL are 1-based)
 *   LINE counts \r\n, \n and \r as line breaks. COL counts Unicode code points from the
 *   start of the line (a tab is 1 column). A leading UTF-8 BOM is removed before parsing.
 * Exit status: 0 = no errors, 1 = at least one error, 2 = bad usage or unreadable file.
 */
"use strict";

const fs = require("fs");
const path = require("path");

const v8 = require("v8");
const BUILDING_SNAPSHOT = !!(v8.startupSnapshot && v8.startupSnapshot.isBuildingSnapshot());
const LIB_DIR = path.join(__dirname, "node_modules", "@kusto", "language-service-next");
const LIB_FILES = ["bridge.min.js", "Kusto.Language.Bridge.min.js"];

// Bridge.NET runtime first (it defines the globals `Bridge` and `System`), then Kusto.Language
// (defines the global `Kusto`). Skipped when running from a startup snapshot (already loaded).
if (typeof globalThis.Kusto === "undefined") {
  if (BUILDING_SNAPSHOT) {
    // a snapshot builder may only require() built-in modules: evaluate the files in global scope
    for (const f of LIB_FILES) (0, eval)(fs.readFileSync(path.join(LIB_DIR, f), "utf8") + "\n//# sourceURL=" + f);
  } else {
    for (const f of LIB_FILES) require(`@kusto/language-service-next/${f}`);
  }
}

const K = Kusto.Language;
const SK = K.Syntax.SyntaxKind;
const KQL_EXTENSIONS = new Set([".kql", ".csl", ".kusto"]);

function usage(exitCode) {
  const src = fs.readFileSync(__filename, "utf8");
  const text = src.slice(src.indexOf("/*") + 2, src.indexOf("*/")).split("\n").slice(1)
    .map((l) => l.replace(/^ \*\s?/, "")).join("\n").trimEnd();
  (exitCode ? process.stderr : process.stdout).write(text + "\n");
  process.exit(exitCode);
}

function parseArgs(argv) {
  const opts = { schema: null, blocks: false, allowUnknownCommands: false, json: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--schema") { if (++i >= argv.length) usage(2); opts.schema = argv[i]; }
    else if (a.startsWith("--schema=")) opts.schema = a.slice("--schema=".length);
    else if (a === "--blocks") opts.blocks = true;
    else if (a === "--allow-unknown-commands") opts.allowUnknownCommands = true;
    else if (a === "--json") opts.json = true;
    else if (a === "-h" || a === "--help") usage(0);
    else if (a === "--") { opts.paths.push(...argv.slice(i + 1)); break; }
    else if (a.startsWith("-") && a !== "-") { process.stderr.write(`kql_check: unknown option ${a}\n`); usage(2); }
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) usage(2);
  return opts;
}

// Expand directories into the KQL files below them (sorted, for stable output).
function expandPaths(paths) {
  const out = [];
  for (const p of paths) {
    if (p !== "-" && fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      const walk = (dir) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
          const full = path.join(dir, e.name);
          if (e.isDirectory()) walk(full);
          else if (KQL_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(full);
        }
      };
      walk(p);
    } else {
      out.push(p);
    }
  }
  return out;
}

function readText(p) {
  let text = p === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(p, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // drop BOM
  return text;
}

// ---------------------------------------------------------------- positions
function lineStartsOf(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) { if (text.charCodeAt(i + 1) === 10) i++; starts.push(i + 1); }
    else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

// offset (UTF-16 index, as the parser reports it) -> {line, col}, both 1-based, col in code points
function lineCol(text, starts, offset) {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
  const col = Array.from(text.slice(starts[lo], offset)).length + 1;
  return { line: lo + 1, col };
}

// ---------------------------------------------------------------- schema (semantic mode)
function typeSchema(cols) {
  // cols: "(a:string, b:long)" | "a:string, b:long" | {"a":"string"} | [["a","string"], ...]
  if (typeof cols === "string") return cols.trim().startsWith("(") ? cols.trim() : `(${cols})`;
  const pairs = Array.isArray(cols) ? cols : Object.entries(cols);
  return "(" + pairs.map(([n, t]) => `['${String(n).replace(/'/g, "\\'")}']:${t}`).join(", ") + ")";
}

function loadSchema(file) {
  const s = JSON.parse(fs.readFileSync(file, "utf8"));
  const tables = Object.entries(s.tables || {}).map(([name, cols]) => new K.Symbols.TableSymbol.$ctor7(name, typeSchema(cols), null));
  const functions = Object.entries(s.functions || {}).map(([name, f]) =>
    new K.Symbols.FunctionSymbol.$ctor16(name, f.parameters || f.params || "()", f.body, f.description || null));
  return { database: s.database || "db", tables, functions };
}

function makeGlobals(schema, extraFunctions) {
  const names = new Set(schema.functions.map((f) => f.Name));
  const members = [...schema.tables, ...schema.functions, ...extraFunctions.filter((f) => !names.has(f.Name))];
  const db = new K.Symbols.DatabaseSymbol.ctor(schema.database, members);
  return K.GlobalState.Default.WithDatabase(db);
}

// Functions declared with .create / .alter / .create-or-alter function in the checked files,
// so queries in other files that call them can be analysed.
function declaredFunctions(code) {
  const found = [];
  K.Syntax.SyntaxElement.WalkNodes(code.Syntax, (n) => {
    if (n.Kind !== SK.NameDeclaration || n.NameInParent !== "FunctionName") return;
    const parent = n.Parent;
    for (let i = 0; i < parent.ChildCount; i++) {
      const c = parent.GetChild(i);
      if (c && c.Kind === SK.FunctionDeclaration) {
        found.push(new K.Symbols.FunctionSymbol.$ctor16(n.toString().trim(), c.Parameters.toString().trim(),
          c.Body.toString().trim(), null));
        break;
      }
    }
  });
  return found;
}

// ---------------------------------------------------------------- checking
// Kusto.Language reports no diagnostic for some constructs that the Kusto service rejects:
// unknown control commands (".foo bar"), tokens left over after a complete command
// (".create-or-alter function F() {...} T | take 1") and incomplete commands nested in
// ".execute database script". Report them unless another diagnostic already covers them.
function extraDiagnostics(code, existing, opts) {
  const extra = [];
  const covered = (s, e) => existing.some((d) => d.start >= s && d.start <= e);
  K.Syntax.SyntaxElement.WalkNodes(code.Syntax, (n) => {
    let code_, msg;
    if (n.Kind === SK.UnknownCommand || n.Kind === SK.BadCommand) {
      if (opts.allowUnknownCommands) return;
      code_ = "KQLCHK01"; msg = `Unknown control command: ${snippet(n)}`;
    } else if (n.Kind === SK.PartialCommand) {
      code_ = "KQLCHK02"; msg = `Incomplete control command: ${snippet(n)}`;
    } else if (n.Kind === SK.SkippedTokens) {
      code_ = "KQLCHK03"; msg = `Unexpected text: ${snippet(n)}`;
    } else return;
    if (covered(n.TriviaStart, n.End)) return;
    extra.push({ start: n.TextStart, length: Math.max(0, n.End - n.TextStart), code: code_, severity: "Error", message: msg });
  });
  return extra;
}

function snippet(n) {
  const s = n.toString().trim().replace(/\s+/g, " ");
  return s.length > 40 ? s.slice(0, 40) + "..." : s;
}

function checkBlock(text, opts, globals) {
  const code = globals ? K.KustoCode.ParseAndAnalyze(text, globals) : K.KustoCode.Parse(text);
  const list = globals ? code.GetDiagnostics() : code.GetSyntaxDiagnostics();
  const diags = Bridge.toArray(list).map((d) => ({
    start: d.Start, length: d.Length, code: d.Code, severity: d.Severity, message: d.Message,
  }));
  return { code, diags: diags.concat(extraDiagnostics(code, diags, opts)) };
}

function blocksOf(text, opts) {
  if (!opts.blocks) return [{ start: 0, text }];
  const script = K.Editor.CodeScript.From$1(text, K.GlobalState.Default);
  return Bridge.toArray(script.Blocks).map((b) => ({ start: b.Start, text: b.Text }));
}

function main(argv) {
  const opts = parseArgs(argv);
  const files = expandPaths(opts.paths);
  const schema = opts.schema ? loadSchema(opts.schema) : null;

  const inputs = [];
  let ioError = false;
  for (const f of files) {
    try { inputs.push({ path: f === "-" ? "<stdin>" : f, text: readText(f) }); }
    catch (e) { process.stderr.write(`kql_check: cannot read ${f}: ${e.message}\n`); ioError = true; }
  }

  let globals = null;
  if (schema) {
    const fns = [];
    for (const inp of inputs) for (const b of blocksOf(inp.text, opts)) fns.push(...declaredFunctions(K.KustoCode.Parse(b.text)));
    globals = makeGlobals(schema, fns);
  }

  let errors = 0;
  for (const inp of inputs) {
    const starts = lineStartsOf(inp.text);
    const diags = [];
    for (const b of blocksOf(inp.text, opts)) {
      for (const d of checkBlock(b.text, opts, globals).diags) diags.push({ ...d, start: d.start + b.start });
    }
    diags.sort((a, b) => a.start - b.start);
    for (const d of diags) {
      if (d.severity !== "Error" && d.severity !== "Warning") continue;
      const { line, col } = lineCol(inp.text, starts, d.start);
      const sev = d.severity === "Error" ? "error" : "warning";
      if (sev === "error") errors++;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ path: inp.path, line, column: col, offset: d.start, length: d.length,
          severity: sev, code: d.code, message: d.message }) + "\n");
      } else {
        process.stdout.write(`${inp.path}:${line}:${col}: ${sev}: ${d.message} [${d.code}]\n`);
      }
    }
  }
  process.exitCode = ioError ? 2 : errors > 0 ? 1 : 0;
}

if (BUILDING_SNAPSHOT) {
  // node --snapshot-blob kql_check.blob --build-snapshot kql_check.js
  // Warm up: the first query parse and the first command parse each build large lazily
  // initialised tables (~1 s each); a snapshot taken afterwards starts in ~0.3 s.
  K.KustoCode.Parse("print 1 | where x");
  K.KustoCode.Parse(".create-or-alter function with (docstring='x') F() { print 1 }");
  K.KustoCode.ParseAndAnalyze("datatable(a:string)['x'] | summarize count() by a");
  K.Editor.CodeScript.From$1("print 1\n\nprint 2", K.GlobalState.Default);
  // when started from the snapshot, process.argv has no script path: [node, ...args]
  v8.startupSnapshot.setDeserializeMainFunction(() => main(process.argv.slice(1)));
} else {
  main(process.argv.slice(2));
}
