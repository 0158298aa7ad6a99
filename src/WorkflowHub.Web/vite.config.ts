import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The server (src/WorkflowHub.Server) serves dist/ from the same origin as the API; `npm run dev` proxies the API
// to a server started with `dotnet run` so the cookie and the anti-forgery header work as in production.
const api = process.env.WORKFLOWHUB_URL ?? 'http://localhost:5080'

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(['/api', '/hooks', '/docs', '/openapi', '/health'].map((p) => [p, api])),
  },
})
