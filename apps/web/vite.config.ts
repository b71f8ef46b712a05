import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.js';

// In development the API runs on its own port (`pnpm dev`); the built app is served by the server.
export default defineConfig({
  plugins: [react(), precompress()],
  server: { proxy: { '/api': process.env.FLOWLINE_API ?? 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', sourcemap: true },
});
