/**
 * Builds the pages the stack publishes: `web/` copied to `dist/web/`, with each page's module script
 * bundled (and minified) into the one file the page already names.
 *
 * Why: the chat page is a graph of small ES modules (chat-app.js imports eight others, which import
 * dom.js). A browser discovers them level by level, so on a phone a first visit waits for three
 * sequential round trips, and CloudFront bills each file as a request. Bundled, a first visit is the
 * page, its style sheet, one script and config.json. `npm start` and the browser tests keep serving
 * `web/` as written (readable, no build step); one browser test runs the built pages too.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface BuildWebOptions {
  /** Repository root (holds web/); the default is this checkout. */
  readonly rootDir?: string;
  /** Where the built pages go; replaced. Default `dist/web`. */
  readonly outDir?: string;
}

export interface BuiltPage {
  /** The page, relative to the output folder (e.g. `index.html`). */
  readonly page: string;
  /** Its module script, relative to the output folder, now one self-contained file. */
  readonly script: string;
  /** The modules folded into that script (the entry included). */
  readonly modules: number;
}

/** Files of web/ that are documentation, not pages: never published. */
const NOT_PUBLISHED = new Set(['README.md']);

/** `<script type="module" src="…">` of an HTML page; pages here have at most one. */
const MODULE_SCRIPT = /<script\s+type="module"\s+src="([^"]+)"\s*><\/script>/u;

export async function buildWeb(options: BuildWebOptions = {}): Promise<BuiltPage[]> {
  const rootDir = resolve(options.rootDir ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const webDir = join(rootDir, 'web');
  const outDir = resolve(options.outDir ?? join(rootDir, 'dist', 'web'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(webDir, outDir, { recursive: true, filter: (src) => !NOT_PUBLISHED.has(relative(webDir, src)) });

  const built: BuiltPage[] = [];
  for (const page of htmlFiles(outDir)) {
    const match = MODULE_SCRIPT.exec(readFileSync(page, 'utf8'));
    if (!match?.[1]) continue;
    const src = match[1];
    // "/staff/js/app.js" is rooted at the site; "./js/app.js" is beside the page.
    const entry = src.startsWith('/')
      ? join(webDir, src)
      : join(dirname(join(webDir, relative(outDir, page))), src);
    if (!existsSync(entry))
      throw new Error(`${relative(outDir, page)} names ${src}, which web/ does not have`);
    const target = join(outDir, relative(webDir, entry));
    const result = await build({
      entryPoints: [entry],
      outfile: target,
      allowOverwrite: true,
      bundle: true,
      format: 'esm',
      minify: true,
      // The pages are written for current browsers (the console awaits at top level): keep their syntax.
      target: ['es2022'],
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: rootDir,
    });
    // The copies of the modules now inside the bundle are never requested: not published either.
    for (const input of Object.keys(result.metafile.inputs)) {
      const copy = join(outDir, relative(webDir, join(rootDir, input)));
      if (copy !== target) rmSync(copy, { force: true });
    }
    built.push({
      page: relative(outDir, page),
      script: relative(outDir, target),
      modules: Object.keys(result.metafile.inputs).length,
    });
  }
  return built;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb().then(
    (pages) => {
      for (const p of pages) console.log(`${p.page}: ${p.script} (${p.modules} modules in one file)`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
