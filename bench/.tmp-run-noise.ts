import bench from '/work/main/bench/.tmp-noise.bench.ts';
const results = await bench.run();
for (const r of results) console.log(JSON.stringify(r));
