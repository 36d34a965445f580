-- LocoLink ground station, schema 31: a trip's temperatures may be unknown.
--
-- Since wire v1.4 a trip summary leaves out a temperature the locomotive never read good, where it
-- wrote 0 before; such a temperature is now stored as NULL. Rows stored before keep their 0, which
-- stands for 0.0 degC or unknown alike, as the summaries they came from did.
ALTER TABLE trip
  ALTER COLUMN min_cell_temp_dc  DROP NOT NULL,
  ALTER COLUMN max_cell_temp_dc  DROP NOT NULL,
  ALTER COLUMN max_motor_temp_dc DROP NOT NULL;
