-- Storage bucket for avatar images, with owner-only uploads.
set lock_timeout = '5s';

insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);

create policy "Avatar images are publicly accessible." on storage.objects
  for select using (bucket_id = 'avatars');

create policy "Anyone signed in can upload an avatar." on storage.objects
  for insert to authenticated with check (bucket_id = 'avatars');
