import { MemoryTable } from '../../functions/stores/memory/memory-table';
import type { TablePort } from '../../functions/stores/table-port';
import type { TableName } from '../../functions/stores/tables';

export function memoryTables(nowSeconds?: () => number): Record<TableName, TablePort> {
  return {
    conversations: new MemoryTable(nowSeconds),
    casework: new MemoryTable(nowSeconds),
    registry: new MemoryTable(nowSeconds),
  };
}
