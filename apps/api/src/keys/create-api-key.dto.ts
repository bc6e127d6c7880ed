import { ApiProperty } from '@nestjs/swagger';
import { roles, type Role } from '@leadger/identity';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({
    example: 'bob',
    pattern: '^[a-z0-9][a-z0-9._@-]{0,63}$',
    description: "The principal's id: events record it as their actor; a sales rep's is their owner name.",
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._@-]{0,63}$/, {
    message: '$property must be 1-64 of a-z, 0-9 and ._@-, starting with a letter or digit',
  })
  readonly name: string;

  @ApiProperty({ enum: [...roles], isArray: true, example: ['sales'], minItems: 1, maxItems: roles.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(roles.length)
  @IsIn(roles, { each: true, message: `$property must each be one of ${roles.join(', ')}` })
  readonly roles: Role[];
}
