import { Module } from '@nestjs/common';
import { FileStorageService } from './file-storage.service';

/**
 * Storage and checking of uploaded files: no routes here. Applications (and later contracts
 * and reports) call FileStorageService and keep their own rows about the files they own.
 * EnvironmentVariables comes from the global CoreModule.
 */
@Module({
  providers: [FileStorageService],
  exports: [FileStorageService],
})
export class FilesModule {}
