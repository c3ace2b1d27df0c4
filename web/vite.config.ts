import { defineConfig } from 'vite';

// React's JSX through Vite's own transform (the automatic runtime): the console needs no Babel.
export default defineConfig({
  root: __dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { host: '127.0.0.1', port: Number(process.env.SHOP_CONSOLE_PORT ?? 5173) },
});
