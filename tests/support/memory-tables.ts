export { memoryTables } from '../../functions/stores/memory/memory-table';
