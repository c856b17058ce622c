// The console is served by the gateway at /console (static files from console/dist).
// `npm run dev -w @formations/console` serves it with hot reload and proxies the API to :4000.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const dsfrDir = path.dirname(fileURLToPath(import.meta.resolve('@codegouvfr/react-dsfr/package.json')));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : sourceFiles(full);
    return /\.(tsx?|css)$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Only the DSFR icons the console uses: `virtual:dsfr-icons.css` holds the rules of the
 * fr-icon-* classes written in src/ (the full icon sheet would ship ~2,000 SVGs).
 */
function dsfrIcons(): Plugin {
  const id = 'virtual:dsfr-icons.css';
  const resolved = `\0${id}`;
  const sheet = path.join(dsfrDir, 'dsfr/utility/icons/icons.css');
  return {
    name: 'dsfr-icons',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loadId) {
      if (loadId !== resolved) return undefined;
      const used = new Set<string>();
      for (const file of sourceFiles(path.join(here, 'src'))) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(/fr-icon-[a-z0-9-]+/g)) used.add(match[0]);
        this.addWatchFile(file);
      }
      const css = fs.readFileSync(sheet, 'utf8');
      const rules: string[] = [];
      for (const match of css.matchAll(/(\.fr-icon-[a-z0-9-]+)::before,\s*\.fr-icon-[a-z0-9-]+::after\s*\{([^}]*)\}/g)) {
        const name = match[1]!.slice(1);
        if (!used.has(name)) continue;
        const body = match[2]!.replace(/url\("\.\.\/\.\.\/icons\/([^"]+)"\)/g, (_m, file: string) => `url("@codegouvfr/react-dsfr/dsfr/icons/${file}")`);
        rules.push(`.${name}::before, .${name}::after {${body}}`);
      }
      return rules.join('\n');
    },
  };
}

/** dist/persisted-operations.json: the manifest the gateway serves the console's operations from. */
function persistedOperations(): Plugin {
  return {
    name: 'persisted-operations',
    apply: 'build',
    generateBundle() {
      const manifest = fs.readFileSync(path.join(here, 'src/gql/persisted-documents.json'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'persisted-operations.json', source: manifest });
    },
  };
}

export default defineConfig({
  base: '/console/',
  plugins: [react(), dsfrIcons(), persistedOperations()],
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://localhost:4000',
      '/console/config.json': 'http://localhost:4000',
      '/console/dev-token': 'http://localhost:4000',
    },
  },
});
