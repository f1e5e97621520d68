// The workflow check's driver (started by .ci/workflow-check, which installs `yaml` beside it): expands the
// job matrix of a GitHub Actions workflow the way GitHub does, then
//   phase 1 (dry): runs every run: step of every matrix job with the matrix values filled in, with apt-get
//     replaced by a stub that checks packages exist and installs nothing, and DRY_RUN=1 (the repo's job
//     scripts then check their arguments, the suite with `run --dry-run`, instead of building and running);
//     identical steps run once;
//   phase 2 (end to end): one small matrix job for real, then the jobs that need it (the merge), with
//     upload-artifact/download-artifact emulated by the shared results folder.
// Steps run in a scratch folder whose entries link to the repository (the checkout), with GitHub's
// RUNNER_TEMP, GITHUB_PATH, GITHUB_STEP_SUMMARY and the workflow's and job's env. It fails on anything it
// cannot fill in or does not know: an expression other than matrix.* in a run step, an action it cannot
// emulate, a duplicate job or artifact name, a download pattern that misses an upload.
//   usage: node workflow-check.mjs WORKFLOW SCRATCH STUBS E2E   (E2E: key=value,... selecting the real job)
import { readFileSync, existsSync, writeFileSync, readdirSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import YAML from "yaml";

const [workflowPath, scratch, stubs, e2eSpec] = process.argv.slice(2);
const wf = YAML.parse(readFileSync(workflowPath, "utf8"));
const problems = [];
let checked = 0;
const fail = (msg) => { problems.push(msg); console.log(`  FAIL ${msg}`); };

// GitHub's matrix expansion (docs: "Using a matrix for your jobs"): the product of the lists, minus the
// exclude entries, then each include entry merged into every original combination it does not contradict
// (added keys may be overwritten by later entries), or appended when it fits none.
export function expand(matrix) {
  if (!matrix) return [{}];
  const keys = Object.keys(matrix).filter((k) => k !== "include" && k !== "exclude");
  let combos = [{}];
  for (const k of keys) combos = combos.flatMap((c) => matrix[k].map((v) => ({ ...c, [k]: v })));
  const same = (a, b) => String(a) === String(b);
  combos = combos.filter((c) => !(matrix.exclude ?? []).some((e) => Object.entries(e).every(([k, v]) => same(c[k], v))));
  const originals = combos.map((c) => ({ combo: c, original: new Set(keys) }));
  const extra = [];
  for (const inc of matrix.include ?? []) {
    let fitted = false;
    for (const o of originals) {
      if (Object.entries(inc).every(([k, v]) => !o.original.has(k) || same(o.combo[k], v))) {
        Object.assign(o.combo, inc);
        fitted = true;
      }
    }
    if (!fitted) extra.push({ ...inc });
  }
  return [...originals.map((o) => o.combo), ...extra];
}

// The expansion against the example of GitHub's documentation ("Expanding or adding matrix configurations").
{
  const got = JSON.stringify(expand({
    fruit: ["apple", "pear"], animal: ["cat", "dog"],
    include: [{ color: "green" }, { color: "pink", animal: "cat" }, { fruit: "apple", shape: "circle" }, { fruit: "banana" }, { fruit: "banana", animal: "cat" }],
  }));
  const want = JSON.stringify([
    { fruit: "apple", animal: "cat", color: "pink", shape: "circle" }, { fruit: "apple", animal: "dog", color: "green", shape: "circle" },
    { fruit: "pear", animal: "cat", color: "pink" }, { fruit: "pear", animal: "dog", color: "green" }, { fruit: "banana" }, { fruit: "banana", animal: "cat" },
  ]);
  if (got !== want) { console.log(`matrix expansion differs from GitHub's documented example:\n  got  ${got}\n  want ${want}`); process.exit(1); }
}

// Fills ${{ matrix.x }}; any other expression is refused (this check could not know its value).
function fill(text, matrix, where) {
  return String(text).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (whole, expr) => {
    const m = /^matrix\.([A-Za-z0-9_-]+)$/.exec(expr);
    if (m && m[1] in matrix) return String(matrix[m[1]]);
    fail(`${where}: the check cannot evaluate \${{ ${expr} }}: use matrix values in run steps and with: inputs`);
    return whole;
  });
}

const globToRegex = (g) => new RegExp("^" + g.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");

// The jobs, each matrix combination as one instance, with its filled-in name, env and steps.
const instances = [];
for (const [id, job] of Object.entries(wf.jobs)) {
  const combos = expand(job.strategy?.matrix);
  for (const matrix of combos) {
    const name = job.name ? fill(job.name, matrix, `${id}.name`) : id;
    const steps = (job.steps ?? []).map((s, i) => ({
      name: s.name ?? s.uses ?? `step ${i + 1}`,
      run: s.run === undefined ? undefined : fill(s.run, matrix, `${name}: ${s.name ?? i + 1}`),
      uses: s.uses,
      with: Object.fromEntries(Object.entries(s.with ?? {}).map(([k, v]) => [k, fill(v, matrix, `${name}: ${s.uses} with.${k}`)])),
    }));
    instances.push({ id, name, matrix, needs: [].concat(job.needs ?? []), env: { ...(wf.env ?? {}), ...(job.env ?? {}) }, steps });
  }
}
console.log(`workflow ${workflowPath}: ${instances.length} job instances (${Object.entries(wf.jobs).map(([id]) => `${id}: ${instances.filter((i) => i.id === id).length}`).join(", ")})`);

// Names must be unique: GitHub shows jobs by name, and upload-artifact@v4 refuses a second artifact of a name.
const dup = (list) => list.filter((x, i) => list.indexOf(x) !== i);
for (const d of new Set(dup(instances.map((i) => i.name)))) fail(`two jobs are named "${d}"`);
const uploads = instances.flatMap((i) => i.steps.filter((s) => s.uses?.startsWith("actions/upload-artifact@")).map((s) => ({ job: i, name: s.with.name })));
for (const d of new Set(dup(uploads.map((u) => u.name)))) fail(`two uploads are named "${d}"`);
for (const inst of instances) {
  for (const s of inst.steps.filter((s) => s.uses?.startsWith("actions/download-artifact@"))) {
    const re = globToRegex(s.with.pattern ?? s.with.name ?? "*");
    const from = new Set(uploads.filter((u) => re.test(u.name)).map((u) => u.job.id));
    const needed = new Set(inst.needs);
    for (const u of uploads.filter((u) => needed.has(u.job.id) && !re.test(u.name))) fail(`${inst.name}: download pattern "${s.with.pattern}" misses upload "${u.name}" of ${u.job.name}`);
    for (const j of from) if (!needed.has(j)) fail(`${inst.name}: downloads artifacts of job ${j}, which it does not need`);
  }
}

// Running steps as GitHub would: bash -e, in the checkout, with GitHub's files and variables.
const runnerTemp = join(scratch, ".runner-temp");
mkdirSync(runnerTemp, { recursive: true });
const githubPath = join(runnerTemp, "github_path");
writeFileSync(githubPath, "");
let addedPath = [];
const done = new Map();

function runStep(inst, step, dry) {
  const key = `${dry}\n${JSON.stringify(inst.env)}\n${step.run}`;
  if (done.has(key)) return done.get(key);
  const env = {
    ...process.env, ...inst.env, CI: "true", GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: scratch, RUNNER_TEMP: runnerTemp,
    GITHUB_PATH: githubPath, GITHUB_STEP_SUMMARY: join(runnerTemp, "step_summary.md"),
    PATH: [...(dry ? [stubs] : []), ...addedPath, process.env.PATH].join(":"),
  };
  if (dry) env.DRY_RUN = "1";
  const t0 = Date.now();
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], { cwd: scratch, env, encoding: "utf8", maxBuffer: 64 << 20 });
  addedPath = readFileSync(githubPath, "utf8").split("\n").filter(Boolean).reverse();
  const ok = r.status === 0;
  checked++;
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (!ok) {
    fail(`${inst.name}: "${step.name}" exited ${r.status ?? r.signal} (${seconds} s): ${step.run.trim()}\n${(r.stdout + r.stderr).trim().split("\n").slice(-15).map((l) => "      " + l).join("\n")}`);
  } else if (!dry || process.env.VERBOSE) {
    console.log(`  ok   ${inst.name}: ${step.name} (${seconds} s)`);
    for (const line of r.stdout.trim().split("\n").filter(Boolean).slice(-4)) console.log(`         ${line}`);
  }
  done.set(key, ok);
  return ok;
}

// Actions: what each does here. Unknown actions fail the check (teach it rather than skip them).
function useStep(inst, step, phase) {
  const [action, version] = step.uses.split("@");
  if (!/^v\d+$/.test(version ?? "")) fail(`${inst.name}: ${step.uses}: pin a major version (@vN)`);
  switch (action) {
    case "actions/checkout":
      return true; // the scratch folder is the checkout
    case "actions/setup-dotnet":
      if (step.with["global-json-file"] && !existsSync(join(scratch, step.with["global-json-file"]))) fail(`${inst.name}: setup-dotnet: ${step.with["global-json-file"]} does not exist`);
      return true; // the SDK global.json pins is the one this check runs with
    case "actions/upload-artifact": {
      if (phase !== "e2e") return true;
      const dir = join(scratch, step.with.path ?? ".");
      const files = existsSync(dir) ? readdirSync(dir) : [];
      if (files.length === 0) fail(`${inst.name}: upload-artifact ${step.with.name}: ${step.with.path} is empty`);
      else console.log(`  ok   ${inst.name}: upload ${step.with.name} (${files.length} files in ${step.with.path})`);
      return files.length > 0;
    }
    case "actions/download-artifact":
      // Runs only after its needs in the end-to-end phase, whose uploads left their files in place.
      if (!existsSync(join(scratch, step.with.path ?? "."))) fail(`${inst.name}: download-artifact: nothing uploaded to ${step.with.path}`);
      return true;
    default:
      fail(`${inst.name}: the check does not know the action ${step.uses}`);
      return false;
  }
}

// Phase 1: every instance of every matrix job, dry.
const started = Date.now();
const matrixJobs = instances.filter((i) => Object.keys(i.matrix).length > 0);
console.log(`phase 1: ${matrixJobs.length} matrix jobs, every run: step in its dry-run form`);
for (const inst of matrixJobs) {
  for (const step of inst.steps) {
    if (step.run !== undefined) runStep(inst, step, true);
    else useStep(inst, step, "dry");
  }
}
console.log(`phase 1: ${checked} distinct steps run in ${((Date.now() - started) / 1000).toFixed(0)} s`);

// Phase 2: one matrix job for real, then every job that needs its job (with no matrix of its own).
const want = Object.fromEntries(e2eSpec.split(",").map((kv) => kv.split("=")));
const e2e = matrixJobs.find((i) => Object.entries(want).every(([k, v]) => String(i.matrix[k]) === v));
if (!e2e) {
  fail(`no matrix job matches ${e2eSpec} for the end-to-end run`);
} else {
  console.log(`phase 2: ${e2e.name} end to end, then the jobs that need ${e2e.id}`);
  const chain = [e2e, ...instances.filter((i) => i.needs.includes(e2e.id) && Object.keys(i.matrix).length === 0)];
  for (const inst of chain) {
    for (const step of inst.steps) {
      const ok = step.run !== undefined ? runStep(inst, step, false) : useStep(inst, step, "e2e");
      if (!ok) break;
    }
  }
}

console.log(problems.length === 0 ? `workflow check: ${instances.length} jobs checked, ${checked} steps run, no problem` : `workflow check: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
