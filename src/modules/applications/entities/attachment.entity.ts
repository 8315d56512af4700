import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to an application: stored outside any served folder, named by the system. */
@Entity('attachments')
@Index(['applicationId'])
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  applicationId: string;

  /** The rulebook's document code (e.g. `budget`, `unemployed_status`). */
  @Column({ type: 'varchar', length: 60 })
  documentCode: string;

  /** Detected from the content: pdf, jpg, png, docx, xlsx. */
  @Column({ type: 'varchar', length: 8 })
  fileKind: string;

  @Column({ type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  @Column('uuid')
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
