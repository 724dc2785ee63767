export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      audit_logs: {
        Row: {
          action: string;
          actor_id: string;
          at: string;
          changes: NonNullable<Json>;
          id: number;
          post_id: string;
        };
        ComputedFields: never;
        Insert: {
          action: string;
          actor_id: string;
          at?: string;
          changes?: NonNullable<Json>;
          id?: never;
          post_id: string;
        };
        Update: {
          action?: string;
          actor_id?: string;
          at?: string;
          changes?: NonNullable<Json>;
          id?: never;
          post_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'audit_logs_actor_id_fkey';
            columns: ['actor_id'];
            isOneToOne: false;
            referencedRelation: 'users';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'audit_logs_post_id_fkey';
            columns: ['post_id'];
            isOneToOne: false;
            referencedRelation: 'post_details';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'audit_logs_post_id_fkey';
            columns: ['post_id'];
            isOneToOne: false;
            referencedRelation: 'posts';
            referencedColumns: ['id'];
          },
        ];
      };
      post_changes: {
        Row: {
          author_id: string;
          changed_at: string;
          id: number;
          post_id: string;
          public: boolean;
        };
        ComputedFields: never;
        Insert: {
          author_id: string;
          changed_at?: string;
          id?: never;
          post_id: string;
          public: boolean;
        };
        Update: {
          author_id?: string;
          changed_at?: string;
          id?: never;
          post_id?: string;
          public?: boolean;
        };
        Relationships: [];
      };
      post_tags: {
        Row: {
          post_id: string;
          tag_id: string;
        };
        ComputedFields: never;
        Insert: {
          post_id: string;
          tag_id: string;
        };
        Update: {
          post_id?: string;
          tag_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'post_tags_post_id_fkey';
            columns: ['post_id'];
            isOneToOne: false;
            referencedRelation: 'post_details';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'post_tags_post_id_fkey';
            columns: ['post_id'];
            isOneToOne: false;
            referencedRelation: 'posts';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'post_tags_tag_id_fkey';
            columns: ['tag_id'];
            isOneToOne: false;
            referencedRelation: 'tags';
            referencedColumns: ['id'];
          },
        ];
      };
      posts: {
        Row: {
          author_id: string;
          content: string | null;
          created_at: string;
          deleted_at: string | null;
          id: string;
          published: boolean;
          title: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          author_id?: string;
          content?: string | null;
          created_at?: string;
          deleted_at?: string | null;
          id?: string;
          published?: boolean;
          title: string;
          updated_at?: string;
        };
        Update: {
          author_id?: string;
          content?: string | null;
          created_at?: string;
          deleted_at?: string | null;
          id?: string;
          published?: boolean;
          title?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'posts_author_id_fkey';
            columns: ['author_id'];
            isOneToOne: false;
            referencedRelation: 'users';
            referencedColumns: ['id'];
          },
        ];
      };
      profiles: {
        Row: {
          avatar_url: string | null;
          bio: string | null;
          updated_at: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          avatar_url?: string | null;
          bio?: string | null;
          updated_at?: string;
          user_id?: string;
        };
        Update: {
          avatar_url?: string | null;
          bio?: string | null;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'profiles_user_id_fkey';
            columns: ['user_id'];
            isOneToOne: true;
            referencedRelation: 'users';
            referencedColumns: ['id'];
          },
        ];
      };
      tagged_posts: {
        Row: {
          author_id: string;
          created_at: string;
          post_id: string;
          published: boolean;
          tag: string;
          tag_id: string;
        };
        ComputedFields: never;
        Insert: {
          author_id: string;
          created_at: string;
          post_id: string;
          published: boolean;
          tag: string;
          tag_id: string;
        };
        Update: {
          author_id?: string;
          created_at?: string;
          post_id?: string;
          published?: boolean;
          tag?: string;
          tag_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'tagged_posts_post_id_tag_id_fkey';
            columns: ['post_id', 'tag_id'];
            isOneToOne: false;
            referencedRelation: 'post_tags';
            referencedColumns: ['post_id', 'tag_id'];
          },
        ];
      };
      tags: {
        Row: {
          created_at: string;
          id: string;
          name: string;
          post_count: number;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          id?: string;
          name: string;
          post_count?: number;
        };
        Update: {
          created_at?: string;
          id?: string;
          name?: string;
          post_count?: number;
        };
        Relationships: [];
      };
      users: {
        Row: {
          created_at: string;
          email: string;
          id: string;
          name: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          email: string;
          id: string;
          name: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          email?: string;
          id?: string;
          name?: string;
          updated_at?: string;
        };
        Relationships: [];
      };
    };
    Views: {
      post_details: {
        Row: {
          author_id: string;
          author_name: string;
          content: string | null;
          created_at: string;
          id: string;
          published: boolean;
          tags: string[] | null;
          title: string;
          updated_at: string;
        };
        ComputedFields: never;
        Relationships: [
          {
            foreignKeyName: 'posts_author_id_fkey';
            columns: ['author_id'];
            isOneToOne: false;
            referencedRelation: 'users';
            referencedColumns: ['id'];
          },
        ];
      };
    };
    Functions: {
      create_post: {
        Args: { content?: string; published?: boolean; tags?: string[]; title: string };
        Returns: {
          author_id: string;
          author_name: string;
          content: string | null;
          created_at: string;
          id: string;
          published: boolean;
          tags: string[] | null;
          title: string;
          updated_at: string;
        };
        SetofOptions: {
          from: '*';
          to: 'post_details';
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      delete_me: { Args: Record<PropertyKey, never>; Returns: undefined };
      edit_post: {
        Args: { fields?: Json; post_id: string; tags?: string[] };
        Returns: {
          author_id: string;
          author_name: string;
          content: string | null;
          created_at: string;
          id: string;
          published: boolean;
          tags: string[] | null;
          title: string;
          updated_at: string;
        };
        SetofOptions: {
          from: '*';
          to: 'post_details';
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      list_posts: {
        Args: {
          after_created_at?: string;
          after_id?: string;
          author_id?: string;
          page_size?: number;
          tag?: string;
        };
        Returns: {
          author_id: string;
          author_name: string;
          content: string | null;
          created_at: string;
          id: string;
          published: boolean;
          tags: string[] | null;
          title: string;
          updated_at: string;
        }[];
        SetofOptions: {
          from: '*';
          to: 'post_details';
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      set_post_tags: {
        Args: { post_id: string; tags: string[] };
        Returns: {
          author_id: string;
          author_name: string;
          content: string | null;
          created_at: string;
          id: string;
          published: boolean;
          tags: string[] | null;
          title: string;
          updated_at: string;
        };
        SetofOptions: {
          from: '*';
          to: 'post_details';
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    keyof (DefaultSchema['Tables'] & DefaultSchema['Views']) | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema['CompositeTypes'] | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {},
  },
} as const;
