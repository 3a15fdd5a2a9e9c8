export * from './plan-report-section';
export * from './plan-report-html';
export * from './write-plan-report';
