import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const target = process.env.CC_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [svelte()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 300,
  },
  server: {
    proxy: {
      '/api': target,
      '/ws': { target, ws: true },
      '/eventbus': { target, ws: true },
      '/health': target,
      '/metrics': target,
    },
  },
  test: {
    include: ['tests/**/*.test.js'],
    environment: 'node',
  },
});
