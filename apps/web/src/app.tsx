import { Navigate, Route, Routes } from 'react-router';
import { ComponentsPage } from './components-page/components-page.js';
import { ExecutionsPage } from './frame/executions-page.js';
import { Frame } from './frame/frame.js';
import { ProcessesPage } from './frame/processes-page.js';

export function App() {
  return (
    <Frame>
      <Routes>
        <Route path="/" element={<Navigate to="/components" replace />} />
        <Route path="/components" element={<ComponentsPage />} />
        <Route path="/processes" element={<ProcessesPage />} />
        <Route path="/executions" element={<ExecutionsPage />} />
        <Route path="*" element={<p role="alert">This page does not exist.</p>} />
      </Routes>
    </Frame>
  );
}
